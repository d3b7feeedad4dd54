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
"""

from __future__ import annotations

import contextlib
import io
import sys
from types import ModuleType


def _not_searched(name: str) -> None:
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
            return weasyprint
        except OSError:
            for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = search
    import weasyprint

    return weasyprint


__all__ = ["import_weasyprint"]
