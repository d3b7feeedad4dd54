"""The committed DOCX templates are exactly what the scripts in tools/docx_templates make.

Generic over every builder module (each ``tools/docx_templates/<document>.py``
with a ``build() -> Path``), so a new document's template is covered the day its
script is added. Each script is run with the output folder pointed at a temporary
copy, then compared byte for byte with the committed file; on a mismatch the
message names the zip entries that differ, so "rebuild with
``python -m tools.docx_templates``" or "the script changed" is easy to tell apart.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUILDERS_DIR = ROOT / "tools" / "docx_templates"
NOT_BUILDERS = {"common", "__main__", "__init__"}


def builder_names() -> list[str]:
    return sorted(module.name for module in pkgutil.iter_modules([str(BUILDERS_DIR)])
                  if module.name not in NOT_BUILDERS)


def differing_entries(made: bytes, committed: bytes) -> list[str]:
    made_zip, committed_zip = zipfile.ZipFile(io.BytesIO(made)), zipfile.ZipFile(io.BytesIO(committed))
    names = sorted(set(made_zip.namelist()) | set(committed_zip.namelist()))
    return [name for name in names
            if name not in made_zip.namelist() or name not in committed_zip.namelist()
            or made_zip.read(name) != committed_zip.read(name)]


def test_there_are_builders() -> None:
    assert "thank_you_card" in builder_names()


@pytest.mark.parametrize("name", builder_names())
def test_committed_template_matches_its_script(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    common = importlib.import_module("tools.docx_templates.common")
    committed_root = common.TEMPLATES
    monkeypatch.setattr(common, "TEMPLATES", tmp_path)
    module = importlib.import_module(f"tools.docx_templates.{name}")
    assert callable(getattr(module, "build", None)), f"tools/docx_templates/{name}.py needs a build() -> Path"
    made_path = Path(module.build())
    assert made_path.is_relative_to(tmp_path), f"{name}.build() must write through common.save"
    committed_path = committed_root / made_path.relative_to(tmp_path)
    assert committed_path.is_file(), f"{committed_path} is not committed; run python -m tools.docx_templates"
    made, committed = made_path.read_bytes(), committed_path.read_bytes()
    if made != committed:
        pytest.fail(f"{committed_path.relative_to(ROOT)} differs from what tools/docx_templates/{name}.py makes "
                    f"(entries: {', '.join(differing_entries(made, committed))}); "
                    "run python -m tools.docx_templates and commit the result")


@pytest.mark.parametrize("name", builder_names())
def test_building_twice_gives_the_same_bytes(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    common = importlib.import_module("tools.docx_templates.common")
    module = importlib.import_module(f"tools.docx_templates.{name}")
    monkeypatch.setattr(common, "TEMPLATES", tmp_path / "first")
    first = Path(module.build()).read_bytes()
    monkeypatch.setattr(common, "TEMPLATES", tmp_path / "second")
    second = Path(module.build()).read_bytes()
    assert first == second
