"""The Jinja environments: sandboxed, strict, one factory each, cached per template set.

User text is data, and a template is untrusted code: a user may render with a
template folder someone else wrote. So every environment here is a
:class:`TemplateSandbox`:

- Jinja's immutable sandbox: no ``_``-prefixed or internal attributes
  (``''.__class__.__mro__``, ``cycler.__init__.__globals__``,
  ``self._TemplateReference__context``), no ``append``/``update`` on the
  context's lists and dicts (one context feeds every format, so a template
  must not change what the next format sees), ``range`` capped at 100 000 items;
- no attribute access at all on functions, methods, classes and modules;
- memory bombs refused: ``'x' * 10**9``, ``10 ** 10**9``, ``'%999999999s' % x``,
  ``'{:>999999999}'.format(x)``, ``'x'.ljust(10**9)``, ``x|center(10**9)``;
- :class:`StrictUndefined`: a misspelt variable is an error naming it;
- a loader that refuses any template whose real path (after symlinks) leaves
  the template folders; Jinja already refuses ``..`` and absolute names.

CPU loops (two nested ``range(100000)``) are not limited: they hang the render
until Ctrl-C, they cannot read or change anything.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, MutableMapping
from functools import lru_cache
from pathlib import Path
from types import BuiltinFunctionType, BuiltinMethodType, FunctionType, MethodType, ModuleType
from typing import Any

from jinja2 import DictLoader, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from followup.cache import cache_subfolder
from followup.templates import TemplateSet

# The largest string or list a template may build with *, padding or a format width.
MAX_SIZE = 100_000
# The largest power a template may compute, in bits.
MAX_POWER_BITS = 4_096

_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC_NUMBER = re.compile(r"\d+")
_PADDING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_NO_ATTRIBUTES = (FunctionType, BuiltinFunctionType, MethodType, BuiltinMethodType, type, ModuleType)


def _refuse_size(size: int, what: str) -> None:
    if size > MAX_SIZE:
        raise SecurityError(f"{what} would make {size:,} characters or items; templates are limited to {MAX_SIZE:,}")


def _check_percent_format(text: str) -> None:
    """Refuse ``%`` formats whose width or precision is huge or given by an argument (``%*s``)."""
    for match in _PERCENT_WIDTH.finditer(text):
        for number in match.groups():
            if number == "*":
                raise SecurityError("'%*' widths are not allowed in templates")
            if number is not None:
                _refuse_size(int(number), "a % format width")


def _check_format_string(text: str) -> None:
    """Refuse ``str.format`` strings whose format spec is huge or nested (``{:{}}``)."""
    for field in re.findall(r"\{[^{}]*:([^{}]*\{?)", text):
        if "{" in field:
            raise SecurityError("nested format specs are not allowed in templates")
        for number in _FORMAT_SPEC_NUMBER.findall(field):
            _refuse_size(int(number), "a format width")


def _multiply(left: Any, right: Any) -> Any:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            _refuse_size(len(sequence) * count, "this multiplication")
    return operator.mul(left, right)


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        if abs(left).bit_length() * right > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} is too large for a template")
    return operator.pow(left, right)


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_percent_format(left)
    return operator.mod(left, right)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, tightened (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binop_table = {**self.binop_table, "*": _multiply, "**": _power, "%": _modulo}
        self.globals.pop("lipsum", None)  # lorem ipsum generator: no use in a letter, sized by argument
        self.filters["center"] = _guarded_filter(self.filters["center"], "width")
        self.filters["indent"] = _guarded_filter(self.filters["indent"], "width")
        self.filters["format"] = _guarded_format_filter(self.filters["format"])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No attributes of functions, methods, classes or modules, on top of Jinja's rules."""
        if isinstance(obj, _NO_ATTRIBUTES):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Refuse padding a string to a huge width (``'x'.ljust(10**9)``)."""
        if isinstance(__obj, BuiltinMethodType) and isinstance(getattr(__obj, "__self__", None), str) \
                and __obj.__name__ in _PADDING_METHODS:
            for argument in [*args, *kwargs.values()]:
                if isinstance(argument, int):
                    _refuse_size(argument, f"str.{__obj.__name__}")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format``, refusing huge widths first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format_string(text)
            return wrapped(*args, **kwargs)

        return checked


def _guarded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        for argument in [*args, kwargs.get(name)]:
            if isinstance(argument, int):
                _refuse_size(argument, f"the {function.__name__.removeprefix('do_')} filter")
        return function(value, *args, **kwargs)

    guarded.__name__ = function.__name__
    return guarded


def _guarded_format_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_percent_format(str(value))
        return function(value, *args, **kwargs)

    return guarded


class ContainedFileSystemLoader(FileSystemLoader):
    """A FileSystemLoader that refuses templates whose real path leaves the template folders.

    Symlinks inside a template folder are followed only when they point into
    one of the template folders (a user folder may link to a shared one that is
    also on the search path, never to ``/etc``).
    """

    def __init__(self, folders: tuple[Path, ...]) -> None:
        super().__init__([str(folder) for folder in folders], followlinks=False)
        self.roots = tuple(folder.resolve() for folder in folders)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        try:
            real = Path(filename).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise SecurityError(f"template {template!r} cannot be resolved: {error}") from None
        if not any(real.is_relative_to(root) for root in self.roots):
            raise SecurityError(f"template {template!r} leads outside the template folders (to {real})")
        return source, filename, uptodate


def nl2br(value: str) -> str:
    """Keep a text's line breaks in HTML: escapes the text, then turns each newline into a line break."""
    from markupsafe import Markup, escape

    return Markup("<br>\n").join(escape(line) for line in str(value).splitlines())


# Filters of followup's own for HTML templates, on top of Jinja's built-in ones;
# docs/templates.md lists them from here. (DOCX templates get Jinja's built-in filters only.)
CUSTOM_FILTERS: dict[str, Callable[..., Any]] = {"nl2br": nl2br}


class TemplateBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache for one kind of environment, which never fails a render.

    Jinja keys an entry by the template's name and file, and checks the source's
    checksum and Jinja's and Python's versions when it loads one; it does not know
    the environment's options, which change the code generated (autoescaping,
    ``finalize``, the sandbox's own call checks), so each kind of environment has a
    folder of its own, and only the sandboxed environments of this module use one.
    The folder is the user's own (``followup.cache``): what can write there can
    already run code as the user.

    Measured (the full package of examples/acme-robotics.toml, 108 templates): Jinja's
    compile step took 0.47 s of CPU per process without it, 0.03 s with it (see benchmarks/RESULTS.md).
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), "%s.jinja-cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full disk or a read-only cache: the next run compiles again
            pass


def bytecode_cache(kind: str) -> TemplateBytecodeCache | None:
    """The bytecode cache of one kind of environment (None when there is no usable cache folder)."""
    from followup import __version__

    folder = cache_subfolder(f"jinja/{__version__}/{kind}")
    return TemplateBytecodeCache(folder) if folder is not None else None


def template_environment(templates: TemplateSet, *, autoescape: bool, kind: str | None = None,
                         **options: Any) -> TemplateSandbox:
    """The one factory of file-based template environments: sandboxed, strict, the template folders only.

    ``options`` are further Jinja settings of one kind of template (the wording
    templates' ``finalize`` and extensions), and ``kind`` names that kind for the
    bytecode cache (default: html or text by ``autoescape``); followup's HTML filters are
    added only to autoescaped environments' callers below.
    """
    return TemplateSandbox(
        loader=ContainedFileSystemLoader(templates.search_path),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # `watch` re-renders in one process: an edited template must be read again (one stat)
        bytecode_cache=bytecode_cache(kind or ("html" if autoescape else "text")),
        **options,
    )


def _environment(templates: TemplateSet, *, autoescape: bool) -> TemplateSandbox:
    environment = template_environment(templates, autoescape=autoescape)
    environment.filters.update(CUSTOM_FILTERS)
    return environment


@lru_cache(maxsize=8)
def html_environment(templates: TemplateSet) -> TemplateSandbox:
    """For ``.html`` templates (PDF pages and email HTML parts): autoescaped."""
    return _environment(templates, autoescape=True)


@lru_cache(maxsize=8)
def text_environment(templates: TemplateSet) -> TemplateSandbox:
    """For ``.txt`` templates (plain-text bodies): no escaping, the text is the text."""
    return _environment(templates, autoescape=False)


class DocxSandbox(TemplateSandbox):
    """The sandbox docxtpl renders a DOCX template's XML parts with, their compiled code kept in the cache.

    docxtpl hands each part to ``from_string``, which Jinja's bytecode cache does not
    serve (it serves loaded templates): here the part's own digest names its entry.
    Measured: compiling the 14 parts of a full package took about 0.1 s of CPU.
    """

    def from_string(self, source: str | Any, globals: MutableMapping[str, Any] | None = None,  # noqa: A002 - Jinja's name
                    template_class: type[Any] | None = None) -> Any:
        cache = bytecode_cache("docx") if isinstance(source, str) else None
        if cache is None:
            return super().from_string(source, globals, template_class)
        import hashlib

        bucket = cache.get_bucket(self, hashlib.sha256(source.encode("utf-8")).hexdigest(), None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            cache.set_bucket(bucket)
        cls = template_class or self.template_class
        return cls.from_code(self, bucket.code, self.make_globals(globals), None)


def docx_environment() -> TemplateSandbox:
    """For docxtpl: sandboxed, strict and autoescaped (docxtpl's own default truncates at '&').

    A DOCX template is one file: its loader knows no other template, so
    ``{% include %}`` and ``{% extends %}`` fail as "not found" instead of
    reading anything. A fresh environment per render: docxtpl sets attributes on it.
    """
    return DocxSandbox(loader=DictLoader({}), autoescape=True, undefined=StrictUndefined)
