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
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from types import MethodType, ModuleType
from typing import Any

_WORD = re.compile(r"\w+")


def _not_searched(name: str) -> str | None:
    """``ctypes.util.find_library`` while WeasyPrint is imported: no subprocesses, not found."""
    return None


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported once per process as quickly as the platform allows."""
    module = sys.modules.get("weasyprint")
    if module is not None:
        return module
    if sys.platform.startswith("linux"):
        import ctypes.util

        search = ctypes.util.find_library
        ctypes.util.find_library = _not_searched
        try:
            # WeasyPrint prints (never raises quietly) when a library cannot be loaded at all;
            # that message belongs to the ordinary import below, not to this attempt.
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
            quicken_type_parsing(sys.modules["weasyprint.text.ffi"].ffi)
            return weasyprint
        except OSError:
            for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = search
    import weasyprint

    quicken_type_parsing(sys.modules["weasyprint.text.ffi"].ffi)
    return weasyprint


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


__all__ = ["import_weasyprint", "quicken_type_parsing"]
