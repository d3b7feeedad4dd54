"""The tests mirror the source: every module of src/followup has a test module, found by its name.

``src/followup/<package>/<module>.py`` is tested in ``tests/<package>/test_<module>.py``;
a top-level ``src/followup/<module>.py`` in ``tests/test_<module>.py`` or in the
test folder of the area it serves (``tests/batch/test_watch.py``). Test module
names are unique across the folders (pytest imports them by their name).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "followup"
TESTS = ROOT / "tests"

#: modules other engineers are writing right now, on their own branches, with their tests;
#: the lead removes these entries when those branches are merged.
BEING_WRITTEN: tuple[str, ...] = ()  # modules someone is writing right now, exempt until they land


def _modules() -> list[str]:
    return sorted(str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")
                  if not path.name.startswith("__"))


def _test_modules() -> list[Path]:
    return sorted(path for path in TESTS.rglob("test_*.py") if ".venv" not in path.parts)


def test_every_source_module_has_a_test_module() -> None:
    tests = _test_modules()
    relative = {str(path.relative_to(TESTS)) for path in tests}
    names = {path.name for path in tests}
    missing = []
    for module in _modules():
        if module.startswith(BEING_WRITTEN):
            continue
        folder, _, file = module.rpartition("/")
        wanted = f"test_{file}"
        found = f"{folder}/{wanted}" in relative if folder else wanted in names
        if not found:
            missing.append(f"src/followup/{module} -> tests/{folder + '/' if folder else ''}{wanted}")
    assert missing == [], "source modules without a test module:\n" + "\n".join(missing)


def test_test_module_names_are_unique() -> None:
    counts = Counter(path.name for path in _test_modules())
    assert [name for name, count in counts.items() if count > 1] == []
