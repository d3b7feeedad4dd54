"""Turn Jinja's exceptions into user errors that name the template, the line and the document.

A template error is the user's to fix (or the template author's), so it becomes
a :class:`TemplateError`: one line, no traceback. Where Jinja knows the line
(syntax errors) it is used; for errors while rendering (an undefined variable,
a refused attribute) the line is read from the traceback, whose frames Jinja
maps back to template files and lines. DOCX templates have no useful line (the
"line" is in Word's XML), so they name the text around the mistake instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError

from followup.errors import Problem, TemplateError

TEMPLATE_SUFFIXES = (".html", ".txt", ".css", ".xml", ".docx")
VARIABLES_HINT = "`followup templates show DOCUMENT` lists the variables"


def _template_frame(traceback: TracebackType | None) -> tuple[Path, int] | None:
    """The innermost traceback frame that runs template code: its file and line."""
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIXES) and Path(filename).is_file():
            found = (Path(filename), traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _problem(message: str, error: BaseException, template: str | Path, document: str,
             hint: str | None = None, near: str | None = None) -> Problem:
    frame = _template_frame(error.__traceback__)
    file, line = frame if frame else (Path(template), None)
    if Path(template).suffix == ".docx":
        file, line = Path(template), None  # the line would be one of Word's XML, of no use
    if near:
        message += f" (near {near!r})"
    return Problem(message, file=file, line=line, key_path=document or None, hint=hint)


def _near(error: BaseException) -> str | None:
    """docxtpl attaches the document text around a failing tag; keep a short piece of it."""
    lines = getattr(error, "docx_context", None)
    if lines is None:
        return None
    text = " ".join(" ".join(line.split()) for line in lines).strip()
    return (text[:77] + "...") if len(text) > 80 else (text or None)


@contextlib.contextmanager
def template_errors(template: str | Path, document: str) -> Iterator[None]:
    """Re-raise template mistakes as :class:`TemplateError` naming the file, the line and the document.

    ``template`` is the template's name (or path, for DOCX) used when Jinja
    cannot say which file failed; ``document`` is the document being rendered.
    """
    try:
        yield
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as error:
        file = Path(error.filename) if error.filename else Path(template)
        line: int | None = error.lineno
        message = f"template syntax error: {error.message}"
        if Path(template).suffix == ".docx":
            file, line = Path(template), None
            near = _near(error)
            message += f" (near {near!r})" if near else ""
        raise TemplateError(Problem(message, file=file, line=line, key_path=document or None)) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(_problem(
            f"template {error.name!r} not found in the template folders", error, template, document,
            hint="include and extends take names like 'base/base.html', relative to a template folder")) from None
    except SecurityError as error:
        raise TemplateError(_problem(f"refused by the template sandbox: {error}", error, template, document,
                                     near=_near(error))) from None
    except jinja2.UndefinedError as error:
        raise TemplateError(_problem(f"undefined variable: {error.message}", error, template, document,
                                     hint=VARIABLES_HINT, near=_near(error))) from None
    except OverflowError as error:  # Jinja's sandboxed range() over 100 000 items
        raise TemplateError(_problem(f"refused by the template sandbox: {error}", error, template, document)) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise TemplateError(_problem(f"the template failed: {type(error).__name__}: {error}", error, template,
                                     document, near=_near(error))) from None
