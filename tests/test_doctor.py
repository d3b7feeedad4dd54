"""followup doctor: it reports what WeasyPrint actually loaded, not what a library search finds."""

from __future__ import annotations

import sys

import pytest

from followup import doctor, speedups
from followup.render import weasy
from followup.render.weasy import FFI_MODULE, Loaded


def test_the_harfbuzz_line_says_what_weasyprints_ffi_loaded() -> None:
    lines = doctor.diagnose()
    weasy.import_weasyprint()
    subset_loaded = sys.modules[FFI_MODULE].harfbuzz_subset is not None
    expected = "ok       HarfBuzz subsetting: WeasyPrint loaded" if subset_loaded else "missing  HarfBuzz subsetting"
    assert any(line.startswith(expected) for line in lines), lines


@pytest.mark.parametrize(("found", "start"), [
    (Loaded(harfbuzz_subset=True, quick_type_parsing=True), "ok       HarfBuzz subsetting"),
    (Loaded(harfbuzz_subset=False, quick_type_parsing=True), "missing  HarfBuzz subsetting"),
    (Loaded(harfbuzz_subset=None, quick_type_parsing=False), "unknown  HarfBuzz subsetting"),
])
def test_a_subset_library_found_by_a_search_but_not_loaded_is_reported_missing(
        monkeypatch: pytest.MonkeyPatch, found: Loaded, start: str) -> None:
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so.0")  # a search would find it
    monkeypatch.setattr(weasy, "loaded", lambda: found)
    lines = doctor.harfbuzz_lines()
    assert lines[0].startswith(start), lines
    if found.harfbuzz_subset is False:
        assert "2.7x" in lines[0] and "apt-get install libharfbuzz-subset0" in lines[0]


def test_the_speed_ups_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasy, "loaded", lambda: Loaded(harfbuzz_subset=True, quick_type_parsing=False))
    monkeypatch.delenv(speedups.SWITCH, raising=False)
    assert doctor.harfbuzz_lines()[1].startswith("partly   speed-ups")
    monkeypatch.setenv(speedups.SWITCH, "1")
    assert doctor.harfbuzz_lines()[1] == f"off      speed-ups: {speedups.SWITCH} is set"


def test_a_weasyprint_that_cannot_be_imported_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Loaded:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(weasy, "loaded", broken)
    assert doctor.harfbuzz_lines() == [
        "missing  WeasyPrint could not be imported: cannot load library 'libpango-1.0-0'"]
