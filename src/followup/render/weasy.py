"""Import WeasyPrint once, as quickly as the platform allows, and say what it loaded.

The speed-ups themselves (fontTools modules loaded on first use, cffi's
library search skipped, quicker C type parsing) are in :mod:`followup.speedups`, behind ``FOLLOWUP_NO_SPEEDUPS``.
Here they are applied with their guards: if WeasyPrint, imported with the
library search skipped, fails or comes without a library the ordinary search
would have found (``libharfbuzz-subset``, which makes PDFs 2.7x quicker to
write), it is imported again the ordinary way; if its cffi module is not where
it is expected, nothing is quickened.
"""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass
from types import ModuleType

from followup import speedups

#: WeasyPrint's module that loads the C libraries with cffi (``ffi`` and one attribute per library)
FFI_MODULE = "weasyprint.text.ffi"


def import_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported once per process."""
    module = sys.modules.get("weasyprint")
    if module is not None:
        return module
    with speedups.imports_frozen():
        return _import_weasyprint()


def _import_weasyprint() -> ModuleType:
    speedups.defer_font_tools()
    with speedups.library_search_skipped() as skipped:
        if skipped:
            try:
                # WeasyPrint prints (never raises quietly) when a library cannot be loaded at all;
                # that message belongs to the ordinary import below, not to this attempt.
                with contextlib.redirect_stdout(io.StringIO()):
                    import weasyprint  # noqa: F401
            except OSError:
                _forget_weasyprint()
    if "weasyprint" in sys.modules and _subset_missing_but_findable():
        _forget_weasyprint()
    import weasyprint  # noqa: F401, F811 - the ordinary import, when the quick one was not kept

    ffi_module = sys.modules.get(FFI_MODULE)
    if ffi_module is not None:
        speedups.quicken_type_parsing(getattr(ffi_module, "ffi", None))
    return sys.modules["weasyprint"]


def _forget_weasyprint() -> None:
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        del sys.modules[name]


def _subset_missing_but_findable() -> bool:
    """WeasyPrint came without ``libharfbuzz-subset`` although the ordinary library search finds it."""
    ffi_module = sys.modules.get(FFI_MODULE)
    if ffi_module is None or getattr(ffi_module, "harfbuzz_subset", None) is not None:
        return False
    import ctypes.util

    return any(ctypes.util.find_library(name) for name in ("harfbuzz-subset", "harfbuzz-subset-0"))


#: the names WeasyPrint 70 loads libharfbuzz-subset by (weasyprint/text/ffi.py), in its order
SUBSET_LIBRARY_NAMES = ("libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0", "libharfbuzz-subset.so.0",
                        "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")


def font_subsetter() -> str:
    """``harfbuzz`` or ``fonttools``: how WeasyPrint subsets fonts in this process, without importing it.

    Asked of WeasyPrint when it is imported already; otherwise the library is
    opened by the names WeasyPrint uses (``dlopen``, a millisecond, no search).
    The two give different PDF bytes for the same document.
    """
    ffi_module = sys.modules.get(FFI_MODULE)
    if ffi_module is not None and hasattr(ffi_module, "harfbuzz_subset"):
        return "harfbuzz" if ffi_module.harfbuzz_subset is not None else "fonttools"
    import ctypes

    for name in SUBSET_LIBRARY_NAMES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return "harfbuzz"
    return "fonttools"


@dataclass(frozen=True)
class Loaded:
    """What WeasyPrint actually loaded in this process (for ``followup doctor``)."""

    #: whether WeasyPrint's ffi module holds a loaded ``libharfbuzz-subset`` (None: cannot tell)
    harfbuzz_subset: bool | None
    #: whether cffi's type parsing was quickened (followup.speedups)
    quick_type_parsing: bool


def loaded() -> Loaded:
    """Import WeasyPrint (as a render would) and report what its ffi module loaded."""
    import_weasyprint()
    ffi_module = sys.modules.get(FFI_MODULE)
    if ffi_module is None or not hasattr(ffi_module, "harfbuzz_subset"):
        return Loaded(harfbuzz_subset=None, quick_type_parsing=False)
    parser = getattr(getattr(ffi_module, "ffi", None), "_parser", None)
    quick = parser is not None and "_parse" in vars(parser)
    return Loaded(harfbuzz_subset=ffi_module.harfbuzz_subset is not None, quick_type_parsing=quick)


__all__ = ["FFI_MODULE", "SUBSET_LIBRARY_NAMES", "Loaded", "font_subsetter", "import_weasyprint", "loaded"]
