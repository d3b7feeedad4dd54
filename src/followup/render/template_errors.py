"""Turn Jinja's exceptions into user errors that name the template, the line and the document."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from followup.errors import Problem, TemplateError


@contextlib.contextmanager
def template_errors(template: str, document: str) -> Iterator[None]:
    """Re-raise template mistakes as :class:`TemplateError` with file and line."""
    try:
        yield
    except jinja2.TemplateNotFound as error:
        raise TemplateError(Problem(f"template {error.name!r} not found", key_path=document or None)) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            Problem(f"template syntax error: {error.message}", file=Path(error.filename or error.name or template),
                    line=error.lineno)
        ) from None
    except SecurityError as error:
        raise TemplateError(
            Problem(f"the template tried something the sandbox does not allow: {error}", file=Path(template),
                    key_path=document or None)
        ) from None
    except jinja2.UndefinedError as error:
        raise TemplateError(
            Problem(f"the template uses an undefined variable: {error.message}", file=Path(template),
                    key_path=document or None, hint="see `followup templates show` for the variables")
        ) from None
