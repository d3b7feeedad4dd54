"""Import WeasyPrint without its library search costing a fifth of a second.

WeasyPrint loads Pango, HarfBuzz, Fontconfig and GObject with cffi, trying a
list of names per library (``libgobject-2.0-0``, ``gobject-2.0-0``, ...,
``libgobject-2.0.so.0``, ...). On Linux every name before the ``.so.N`` one
fails, and each failure makes cffi call ``ctypes.util.find_library``, which
runs ``ldconfig``, ``gcc`` and ``ld`` as subprocesses: about 20 searches, 0.2 s
of the 0.45 s ``import weasyprint`` costs, for names that are never found.

On Linux :func:`import_weasyprint` imports WeasyPrint with that search turned
off (``find_library`` answers "not found" at once), so each library is loaded
by its ``.so.N`` name with ``dlopen``, which is what the search would have
found anyway (``find_library`` returns those sonames from the same
``ldconfig`` cache ``dlopen`` uses). If that fails (a system whose libraries
only the full search finds), the import is done again the ordinary way, so
nothing is lost but time. Elsewhere it is a plain import.

Then :func:`quicken_type_parsing` makes WeasyPrint's C type strings cheap to
read. WeasyPrint asks cffi for a type by its C spelling (``ffi.new("PangoRectangle *")``,
``ffi.new(f"hb_codepoint_t[{count}]")`` for every font subset's glyph count), and
cffi parses each new spelling with pycparser after declaring *every* typedef
of WeasyPrint's bindings first (about 100 lines of C), because a typedef name
changes how C parses. A full package meets about 56 spellings per process:
0.11 s of pycparser. Declaring only the typedef names that occur in the
spelling gives the same type (names that do not occur cannot change the
parse) for about a seventh of the time.

Before the import, :func:`defer_font_tools` puts off two fontTools modules
WeasyPrint imports at once but needs only for unusual fonts:
``fontTools.subset`` (subsetting when HarfBuzz cannot) and
``fontTools.varLib.instancer`` (variable fonts): 70 ms of the 0.25 s import,
for nothing with the bundled fonts and ``libharfbuzz-subset``. The first is
loaded by ``importlib.util.LazyLoader`` on first use; the second is a small
module whose ``instantiateVariableFont`` imports the real one and calls it.
Either way a document that needs them gets the real modules.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from types import MethodType, ModuleType
from typing import Any

_WORD = re.compile(r"\w+")
_INSTANCER = "fontTools.varLib.instancer"


def _not_searched(name: str) -> str | None:
    """``ctypes.util.find_library`` while WeasyPrint is imported: no subprocesses, not found."""
    return None


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported once per process as quickly as the platform allows."""
    module = sys.modules.get("weasyprint")
    if module is not None:
        return module
    defer_font_tools()
    if sys.platform.startswith("linux"):
        import ctypes.util

        search = ctypes.util.find_library
        ctypes.util.find_library = _not_searched
        try:
            # WeasyPrint prints (never raises quietly) when a library cannot be loaded at all;
            # that message belongs to the ordinary import below, not to this attempt.
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint  # noqa: F401
            quicken_type_parsing(sys.modules["weasyprint.text.ffi"].ffi)
            return sys.modules["weasyprint"]
        except OSError:
            for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = search
    import weasyprint  # noqa: F401

    quicken_type_parsing(sys.modules["weasyprint.text.ffi"].ffi)
    return sys.modules["weasyprint"]


def defer_font_tools() -> None:
    """Load ``fontTools.subset`` and ``fontTools.varLib.instancer`` only when WeasyPrint uses them."""
    import importlib.util

    if "fontTools.subset" not in sys.modules:
        try:
            import fontTools

            spec = importlib.util.find_spec("fontTools.subset")
        except ImportError:
            spec = None
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
            lazy = importlib.util.module_from_spec(spec)
            sys.modules["fontTools.subset"] = lazy
            spec.loader.exec_module(lazy)  # executed for real on first attribute access
            fontTools.subset = lazy
    if _INSTANCER not in sys.modules:
        sys.modules[_INSTANCER] = _DeferredInstancer(_INSTANCER)


def _real_instancer() -> ModuleType:
    """The real ``fontTools.varLib.instancer``, imported in place of the stand-in on first use."""
    import importlib

    if isinstance(sys.modules.get(_INSTANCER), _DeferredInstancer):
        del sys.modules[_INSTANCER]
    return importlib.import_module(_INSTANCER)


class _DeferredInstancer(ModuleType):
    """Stands in for ``fontTools.varLib.instancer`` until something uses it."""

    @staticmethod
    def instantiateVariableFont(*arguments: Any, **options: Any) -> Any:  # noqa: N802 - fontTools' name
        return _real_instancer().instantiateVariableFont(*arguments, **options)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):  # the import system probing (__path__, ...)
            raise AttributeError(name)
        return getattr(_real_instancer(), name)


def quicken_type_parsing(ffi: Any) -> None:
    """Make ``ffi`` declare only the typedefs a C spelling uses when it parses one (see above).

    Applied to this one ``cffi.FFI`` object (WeasyPrint's), not to cffi at large.
    If cffi's parser is not shaped as expected (another cffi version), ``ffi`` is
    left as it is: slower, never wrong.
    """
    parser = getattr(ffi, "_parser", None)
    parse = getattr(type(parser), "_parse", None)
    if parser is None or parse is None or not isinstance(getattr(parser, "_declarations", None), dict):
        return
    if "_parse" in vars(parser):  # already done
        return

    def parse_with_used_typedefs(self: Any, csource: str) -> Any:
        declarations = self._declarations
        used = set(_WORD.findall(csource))
        self._declarations = {name: value for name, value in declarations.items()
                              if not name.startswith("typedef ") or name[8:] in used}
        try:
            return parse(self, csource)
        finally:
            self._declarations = declarations

    parser._parse = MethodType(parse_with_used_typedefs, parser)


__all__ = ["defer_font_tools", "import_weasyprint", "quicken_type_parsing"]
