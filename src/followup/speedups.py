"""Every speed-up that reaches past a dependency's public API, in one place, behind one switch.

``FOLLOWUP_NO_SPEEDUPS=1`` turns them all off: followup then uses its
dependencies only the documented way, slower, with the same output (the test
suite passes both ways). Each speed-up checks that the private part it relies
on is shaped as expected and otherwise does nothing, so a dependency upgrade
makes followup slower, never broken; ``tests/test_speedups.py`` has one test
per guard.

The measured gains: CPU seconds of fresh processes, medians of 4 to 7 runs
with the speed-up on and off interleaved, on the shared 2-core machine of
benchmarks/RESULTS.md while it was busy (load 8), 2026-11-30; a quiet machine
gives about 60% of these times. ``make bench`` shows them all together: it
measures the main targets with and without ``FOLLOWUP_NO_SPEEDUPS``.

1. :func:`library_search_skipped`, ``import weasyprint`` without cffi's
   ``ctypes.util.find_library`` fallback (which runs ``ldconfig``/``gcc``/``ld``
   for each of ~20 library names that are never found): see its docstring.
2. :func:`quicken_type_parsing`, cffi parsing a C type spelling with only the
   typedefs it names: see its docstring.
3. :func:`defer_font_tools`, two fontTools modules WeasyPrint imports but
   needs only for unusual fonts, loaded on first use: see its docstring.
4. :func:`copy_zip_member`, a DOCX's zip members copied compressed instead of
   decompressed and compressed again: see its docstring.
5. :func:`exit_now`, ``os._exit`` once the exit handlers have run, skipping the
   interpreter's teardown: see its docstring.
6. :func:`imports_frozen`, no cyclic garbage collection while WeasyPrint or
   matplotlib is imported, and what was imported then kept out of every later
   collection (``gc.freeze``): see its docstring.

Tried, measured and removed (2026-11-30): a cyclic garbage collector threshold
of 50,000 instead of 700 (one letter PDF 1.02 -> 0.96 s CPU, the full package
4.23 -> 4.00 s, medians of 6 and 4 interleaved runs whose ranges overlap: inside
the noise, for 30 MiB more per worker). :func:`imports_frozen` is what replaced
it: the collections that cost were the full ones scanning every object the
imports had made, again and again, and freezing those needs no more memory.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from types import MethodType, ModuleType
from typing import Any

#: the environment variable that turns every speed-up off
SWITCH = "FOLLOWUP_NO_SPEEDUPS"

_WORD = re.compile(r"\w+")


def enabled() -> bool:
    """False when ``FOLLOWUP_NO_SPEEDUPS`` is set to anything but empty or ``0``."""
    return os.environ.get(SWITCH, "").strip() in ("", "0")


def _not_searched(name: str) -> str | None:
    """``ctypes.util.find_library`` while WeasyPrint is imported: no subprocesses, not found."""
    return None


@contextlib.contextmanager
def library_search_skipped() -> Iterator[bool]:
    """While in the block, ``ctypes.util.find_library`` answers "not found" at once (Linux only).

    WeasyPrint loads Pango, HarfBuzz, Fontconfig and GObject with cffi, trying a
    list of names per library (``libgobject-2.0-0``, ``gobject-2.0-0``, ...,
    ``libgobject-2.0.so.0``). On Linux every name before the ``.so.N`` one fails,
    and each failure makes cffi call ``find_library``, which runs ``ldconfig``,
    ``gcc`` and ``ld`` as subprocesses. Skipped, each library is loaded by its
    ``.so.N`` name with ``dlopen``, which is what the search would have found
    (``find_library`` returns those sonames from the same ``ldconfig`` cache).

    Measured: ``import weasyprint`` 0.77 -> 0.51 s CPU (7 runs each way,
    busy machine), every process that renders a PDF. Yields whether the search
    is skipped. The caller must check what
    was loaded and import again the ordinary way if something is missing
    (:func:`followup.render.weasy.import_weasyprint` does).
    """
    if not enabled() or not sys.platform.startswith("linux"):
        yield False
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        yield True
    finally:
        ctypes.util.find_library = search


def quicken_type_parsing(ffi: object) -> bool:
    """Make ``ffi`` declare only the typedefs a C spelling uses when it parses one; True if done.

    WeasyPrint asks cffi for a type by its C spelling (``ffi.new("PangoRectangle *")``,
    ``ffi.new(f"hb_codepoint_t[{count}]")`` for every font subset's glyph count),
    and cffi parses each new spelling with pycparser after declaring *every*
    typedef of WeasyPrint's bindings first (about 100 lines of C), because a
    typedef name changes how C parses. Declaring only the typedef names that
    occur in the spelling gives the same type (names that do not occur cannot
    change the parse) for about a seventh of the time.

    Measured: a full package meets about 56 spellings per process; its PDFs
    2.72 -> 2.52 s CPU in one process (4 runs each way, busy machine; 0.11 s of
    pycparser on a quiet one). Applied to this one ``cffi.FFI`` object
    (WeasyPrint's), not to cffi at large. Guard: if cffi's parser is not shaped
    as expected (no ``_parser._parse``, no ``_declarations`` dict), ``ffi`` is
    left as it is.
    """
    if not enabled():
        return False
    parser = getattr(ffi, "_parser", None)
    parse = getattr(type(parser), "_parse", None)
    if parser is None or not callable(parse) or not isinstance(getattr(parser, "_declarations", None), dict):
        return False
    if "_parse" in vars(parser):  # already done
        return True

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
    return True


_INSTANCER = "fontTools.varLib.instancer"


def defer_font_tools() -> bool:
    """Load ``fontTools.subset`` and ``fontTools.varLib.instancer`` only when used; True if deferred.

    WeasyPrint imports both at once but needs them only for unusual fonts:
    ``fontTools.subset`` to subset fonts when HarfBuzz cannot, the instancer for
    variable fonts. ``fontTools.subset`` and ``fontTools.varLib`` become
    ``importlib.util.LazyLoader`` modules (executed on first attribute access);
    the instancer, whose parent package must not be loaded to import it, is a
    small stand-in module whose attributes import the real one. Every way of
    reaching them (``from fontTools.varLib.instancer import f``,
    ``import fontTools.varLib.instancer as m``, ``fontTools.varLib.instancer.f``)
    gets the real code.

    Measured: ``import weasyprint`` 0.77 -> 0.60 s CPU (7 runs each way, busy
    machine; both import speed-ups together 0.77 -> 0.37 s), 70 ms on a quiet
    one: about a seventh of a one-letter render. Guard: if either module cannot be found or loaded lazily,
    or one is already imported, nothing is deferred.
    """
    if not enabled():
        return False
    deferred = False
    if "fontTools.subset" not in sys.modules and _lazy("fontTools.subset") is not None:
        deferred = True
    if _INSTANCER not in sys.modules and "fontTools.varLib" not in sys.modules:
        variations = _lazy("fontTools.varLib")
        if variations is not None:
            stand_in = _DeferredInstancer(_INSTANCER)
            sys.modules[_INSTANCER] = stand_in
            # kept through the lazy load (LazyLoader keeps the attributes set before it)
            setattr(variations, "instancer", stand_in)  # noqa: B010 - a module with no such attribute yet
            deferred = True
    return deferred


def _lazy(name: str) -> ModuleType | None:
    """Put a lazily loaded module ``name`` in ``sys.modules`` and on its parent package; None if it cannot be."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return None
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is None:
        return None
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # executed for real on first attribute access
    setattr(parent, child, module)
    return module


def _real_instancer() -> ModuleType:
    """The real ``fontTools.varLib.instancer``, imported in place of the stand-in on first use."""
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


def copy_zip_member(target: zipfile.ZipFile, fixed: zipfile.ZipInfo, source: bytes,
                    info: zipfile.ZipInfo) -> bool:
    """Append member ``info`` of the zip ``source`` to ``target`` as ``fixed``, its bytes copied compressed.

    ``zipfile`` can only add a member by compressing it, so rewriting a DOCX
    with fixed timestamps (render/docx.py) decompressed and compressed every
    member again. Here its compressed bytes are copied as stored and the
    header written through ``zipfile``'s writer state (``fp``, ``filelist``,
    ``NameToInfo``, ``start_dir``, ``ZipInfo.FileHeader``): same zlib stream,
    same bytes as recompressing (tested).

    Measured: rewriting a letter's DOCX 43 ms -> 0.12 ms (30 runs each way,
    busy machine), a third of followup's DOCX time on a quiet one: what keeps
    it within 15% of docxtpl alone (benchmarks/run.py). Returns False (the caller recompresses) when
    off, when the member is not a plain deflated one (encrypted, zip64, a data
    descriptor) or when ``zipfile``'s writer is not shaped as expected.
    """
    if not enabled():
        return False
    raw = _raw_member(source, info)
    fp = getattr(target, "fp", None)
    shaped = (fp is not None and isinstance(getattr(target, "filelist", None), list)
              and isinstance(getattr(target, "NameToInfo", None), dict) and hasattr(target, "start_dir")
              and callable(getattr(fixed, "FileHeader", None)))
    if raw is None or not shaped or info.compress_type != zipfile.ZIP_DEFLATED:
        return False
    assert fp is not None
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.CRC, fixed.compress_size, fixed.file_size = info.CRC, info.compress_size, info.file_size
    fixed.header_offset = fp.tell()
    fp.write(fixed.FileHeader(zip64=False))
    fp.write(raw)
    target.filelist.append(fixed)
    target.NameToInfo[fixed.filename] = fixed
    target.start_dir = fp.tell()
    return True


#: a zip member's local header: its signature and fixed size (the ZIP format, APPNOTE 4.3.7)
_LOCAL_HEADER, _LOCAL_HEADER_SIZE = b"PK\x03\x04", 30


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The compressed bytes of one zip member as stored, or None when it is not a plain member."""
    plain = not info.flag_bits & 0x09  # neither encrypted (0x01) nor followed by a data descriptor (0x08)
    small = max(info.compress_size, info.file_size, info.header_offset) < 0xFFFFFFFF  # no zip64 fields
    offset = info.header_offset
    if not (plain and small) or data[offset:offset + 4] != _LOCAL_HEADER:
        return None
    name_length = int.from_bytes(data[offset + 26:offset + 28], "little")
    extra_length = int.from_bytes(data[offset + 28:offset + 30], "little")
    start = offset + _LOCAL_HEADER_SIZE + name_length + extra_length
    raw = data[start:start + info.compress_size]
    return raw if len(raw) == info.compress_size else None


@contextlib.contextmanager
def imports_frozen() -> Iterator[None]:
    """No cyclic garbage collection inside the block; then everything tracked so far is frozen (``gc.freeze``).

    Importing WeasyPrint (or matplotlib) makes some hundred thousand objects that
    live as long as the process: classes, functions, parsed stylesheets. Each
    full collection scans every tracked object again, and while a big import
    runs they come one after another as the heap grows by a quarter each time.
    Collecting nothing inside the block and freezing afterwards (the frozen
    objects are never scanned again, and a forked process never writes to their
    pages to count references: Python's documentation recommends ``gc.freeze``
    before ``fork`` for that) leaves the later collections only what a render
    makes. What is garbage at the freeze (a cycle from before the block) stays
    in memory for the life of the process: a one-off, bounded.

    Measured: one thank-you letter PDF as a whole process 0.645 -> 0.595 s
    (medians of 16 interleaved runs each; no collection at all: 0.580 s). Not
    reaching into any private part; guard: a Python without ``gc.freeze`` runs
    the block as it is, and collection is enabled afterwards only if it was before.
    """
    import gc

    if not enabled() or not gc.isenabled() or not callable(getattr(gc, "freeze", None)):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        try:
            gc.freeze()
        finally:  # even if a signal's exception lands right after the freeze
            gc.enable()


def exit_now(status: int) -> None:
    """End the process with ``status`` once output is flushed and the exit handlers have run.

    Returns (and the caller exits the ordinary way) when speed-ups are off, when
    ``atexit`` has no ``_run_exitfuncs`` (another Python), or when other threads
    are still running (their work would be cut short).

    The interpreter's own teardown, freeing about 140,000 objects and 1,000
    modules one by one (WeasyPrint's C objects included), has nothing left to
    save once the exit handlers (temporary font folders removed, worker
    processes joined) have run, so the process ends there, as mypy does.
    Measured: ``followup render`` of the full package in one process 4.96 ->
    4.36 s CPU, of one letter PDF 1.18 -> 1.02 s (4 runs each way, busy machine).
    """
    import atexit
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if not enabled() or not callable(run_exit_handlers) or threading.active_count() > 1:
        return
    with contextlib.suppress(BrokenPipeError, ValueError, OSError):  # a closed reader (``| head``), a hangup
        sys.stdout.flush()
    with contextlib.suppress(BrokenPipeError, ValueError, OSError):
        sys.stderr.flush()
    run_exit_handlers()
    os._exit(status)


__all__ = ["SWITCH", "copy_zip_member", "defer_font_tools", "enabled", "exit_now", "library_search_skipped",
           "quicken_type_parsing"]
