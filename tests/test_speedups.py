"""followup.speedups: each speed-up, its switch, and one test per guard (a dependency of another shape).

The guards are what make a dependency upgrade degrade to slower, never to
broken: each test gives a speed-up something shaped differently from what it
expects and checks that it does nothing, and that the work still gets done.
"""

from __future__ import annotations

import ctypes.util
import io
import subprocess
import sys
import threading
import zipfile
from types import SimpleNamespace

import pytest

from followup import speedups
from followup.render.docx import FIXED_ZIP_TIME, normalise_zip


def run_python(code: str, *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    environment = {key: value for key, value in os.environ.items() if key != speedups.SWITCH}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180,
                          env={**environment, **(env or {})}, check=False)


@pytest.mark.parametrize(("value", "on"), [(None, True), ("", True), ("0", True), ("1", False), ("yes", False)])
def test_the_switch(monkeypatch: pytest.MonkeyPatch, value: str | None, on: bool) -> None:
    if value is None:
        monkeypatch.delenv(speedups.SWITCH, raising=False)
    else:
        monkeypatch.setenv(speedups.SWITCH, value)
    assert speedups.enabled() is on


# --- library_search_skipped -------------------------------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_the_library_search_is_skipped_inside_the_block_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(speedups.SWITCH, raising=False)
    search = ctypes.util.find_library
    with speedups.library_search_skipped() as skipped:
        assert skipped
        assert ctypes.util.find_library("c") is None
    assert ctypes.util.find_library is search


def test_the_library_search_is_left_alone_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.SWITCH, "1")
    search = ctypes.util.find_library
    with speedups.library_search_skipped() as skipped:
        assert not skipped
        assert ctypes.util.find_library is search


# --- quicken_type_parsing ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("ffi", [
    SimpleNamespace(),  # no _parser at all
    SimpleNamespace(_parser=SimpleNamespace()),  # a parser without _parse / _declarations
    None,
], ids=["no-parser", "parser-of-another-shape", "none"])
def test_a_parser_of_another_shape_is_left_alone(ffi: object) -> None:
    assert speedups.quicken_type_parsing(ffi) is False
    if ffi is not None and hasattr(ffi, "_parser"):
        assert vars(ffi._parser) == {}


def test_type_parsing_is_not_quickened_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    class Parser:
        def __init__(self) -> None:
            self._declarations: dict[str, object] = {}

        def _parse(self, csource: str) -> str:
            return csource

    ffi = SimpleNamespace(_parser=Parser())
    monkeypatch.setenv(speedups.SWITCH, "1")
    assert speedups.quicken_type_parsing(ffi) is False
    monkeypatch.delenv(speedups.SWITCH)
    assert speedups.quicken_type_parsing(ffi) is True
    assert "_parse" in vars(ffi._parser)


# --- defer_font_tools -------------------------------------------------------------------------------------------

def test_after_import_weasyprint_every_way_to_reach_the_instancer_works() -> None:
    completed = run_python(
        "import sys\n"
        "from followup.render.weasy import import_weasyprint\n"
        "import_weasyprint()\n"
        "print(type(sys.modules['fontTools.varLib.instancer']).__name__)\n"
        "import fontTools.varLib.instancer as instancer\n"
        "from fontTools.varLib import instancer as same\n"
        "from fontTools.varLib.instancer import instantiateVariableFont, OverlapMode\n"
        "import fontTools.varLib.instancer\n"
        "print(callable(instancer.instantiateVariableFont), same.OverlapMode is OverlapMode,\n"
        "      fontTools.varLib.instancer.OverlapMode is OverlapMode)\n"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["_DeferredInstancer", "True", "True", "True"]


def test_font_tools_are_not_deferred_when_they_cannot_be_found_lazily() -> None:
    completed = run_python(
        "import importlib.util, sys\n"
        "real = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *rest: None if name.startswith('fontTools.') else real(name, *rest)\n"
        "from followup import speedups\n"
        "import fontTools\n"
        "print(speedups.defer_font_tools())\n"
        "from followup.render.pdf import write_pdf  # imports WeasyPrint, trying to defer again\n"
        "assert write_pdf('<p>Thank you</p>').startswith(b'%PDF')\n"
        "print(type(sys.modules['fontTools.varLib.instancer']).__name__)\n"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["False", "module"]


def test_font_tools_already_imported_are_not_deferred() -> None:
    completed = run_python(
        "import sys, fontTools.subset, fontTools.varLib.instancer\n"
        "from followup import speedups\n"
        "print(speedups.defer_font_tools(), type(sys.modules['fontTools.varLib.instancer']).__name__)\n"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["False", "module"]


def test_switched_off_weasyprint_is_imported_the_ordinary_way() -> None:
    completed = run_python(
        "import sys\n"
        "from followup.render.weasy import import_weasyprint, loaded\n"
        "import_weasyprint()\n"
        "modules = sys.modules['fontTools.subset'], sys.modules['fontTools.varLib.instancer']\n"
        "print(*[type(module).__name__ for module in modules], loaded().quick_type_parsing)\n",
        env={speedups.SWITCH: "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["module", "module", "False"]


# --- copy_zip_member --------------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 30, 12, 0, 0)), data,
                             compress_type=compression)
    return buffer.getvalue()


MEMBERS = {"[Content_Types].xml": b"<Types/>" * 50, "word/document.xml": b"<w:document>text</w:document>" * 200}


def _recompressed(data: bytes) -> bytes:
    """normalise_zip the documented way only: every member decompressed and compressed again."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


def test_copied_members_give_the_same_bytes_as_recompressed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(speedups.SWITCH, raising=False)
    data = _zip(MEMBERS)
    copied = normalise_zip(data)
    assert copied == _recompressed(data)
    with zipfile.ZipFile(io.BytesIO(copied)) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == MEMBERS
        assert {info.date_time for info in archive.infolist()} == {FIXED_ZIP_TIME}


def test_a_stored_member_is_recompressed() -> None:
    data = _zip(MEMBERS, compression=zipfile.ZIP_STORED)
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(), "w") as target:
        assert not speedups.copy_zip_member(target, zipfile.ZipInfo("x"), data, source.infolist()[0])
    assert normalise_zip(data) == _recompressed(data)


def test_a_member_with_a_data_descriptor_is_recompressed() -> None:
    data = _zip(MEMBERS)
    source = zipfile.ZipFile(io.BytesIO(data))
    info = source.infolist()[0]
    info.flag_bits |= 0x08
    with zipfile.ZipFile(io.BytesIO(), "w") as target:
        assert not speedups.copy_zip_member(target, zipfile.ZipInfo("x"), data, info)


def test_a_zip_writer_of_another_shape_is_left_to_recompress() -> None:
    data = _zip(MEMBERS)
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    with zipfile.ZipFile(io.BytesIO(), "w") as target:
        target.NameToInfo = None  # type: ignore[assignment] - zipfile's private state, reshaped by an upgrade
        assert not speedups.copy_zip_member(target, zipfile.ZipInfo("x"), data, info)
        assert target.filelist == []
        target.NameToInfo = {}


def test_zip_members_are_recompressed_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.SWITCH, "1")
    data = _zip(MEMBERS)
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    with zipfile.ZipFile(io.BytesIO(), "w") as target:
        assert not speedups.copy_zip_member(target, zipfile.ZipInfo("x"), data, info)
    assert normalise_zip(data) == _recompressed(data)


# --- exit_now ---------------------------------------------------------------------------------------------------

def test_the_quick_exit_runs_the_exit_handlers_and_keeps_the_status_and_output() -> None:
    completed = run_python(
        "import atexit, sys\n"
        "atexit.register(print, 'handler ran')\n"
        "sys.stdout.write('unflushed output ')\n"
        "from followup.speedups import exit_now\n"
        "exit_now(7)\n"
        "print('not reached')\n"
    )
    assert completed.returncode == 7
    assert completed.stdout.split() == ["unflushed", "output", "handler", "ran"]


def test_no_quick_exit_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.SWITCH, "1")
    assert speedups.exit_now(0) is None  # returned: the caller exits the ordinary way


def test_no_quick_exit_without_atexit_run_exitfuncs(monkeypatch: pytest.MonkeyPatch) -> None:
    import atexit

    monkeypatch.delenv(speedups.SWITCH, raising=False)
    monkeypatch.delattr(atexit, "_run_exitfuncs")
    assert speedups.exit_now(0) is None


def test_no_quick_exit_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(speedups.SWITCH, raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert speedups.exit_now(0) is None
    finally:
        stop.set()
        worker.join()


def test_imports_frozen_collects_nothing_inside_then_freezes_and_collects_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.delenv(speedups.SWITCH, raising=False)  # on, even in the suite's run with them off
    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    with speedups.imports_frozen():
        assert not gc.isenabled()
        kept = [[index] for index in range(1000)]  # long-lived, tracked objects
    assert gc.isenabled() and gc.get_freeze_count() >= frozen_before + len(kept)
    gc.unfreeze()  # the rest of the suite collects as usual


def test_imports_frozen_leaves_a_disabled_collector_and_a_python_without_freeze_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.delenv(speedups.SWITCH, raising=False)
    gc.disable()
    try:
        with speedups.imports_frozen():
            pass
        assert not gc.isenabled(), "the caller had turned collection off: it stays off"
    finally:
        gc.enable()
    monkeypatch.delattr(gc, "freeze")
    with speedups.imports_frozen():
        assert gc.isenabled(), "no gc.freeze (another Python): nothing is changed"
    monkeypatch.undo()
    monkeypatch.setenv(speedups.SWITCH, "1")
    with speedups.imports_frozen():
        assert gc.isenabled(), "switched off"
