"""The wheel carries the built-in templates and fonts, and an installed copy renders offline.

Like RenderCV's packaging test: build the wheel, install it somewhere that is
not this checkout, render from a folder that is not this checkout, and check the
templates came from the installed package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hatchling = pytest.importorskip("hatchling.build")
    folder = tmp_path_factory.mktemp("wheel")
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        name = hatchling.build_wheel(str(folder))
    finally:
        os.chdir(previous)
    return folder / name


def test_wheel_contains_templates_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "followup/_templates/base/base.html" in names
    assert "followup/_templates/fonts/Lato-Regular.ttf" in names
    assert "followup/_templates/thank-you-card/thank-you-card.html" in names
    assert not any(name.startswith("followup/_templates/") and "__pycache__" in name for name in names)


def test_installed_wheel_renders_with_its_own_templates(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # The dependencies come from this test environment's site-packages, but not the
    # editable install of this checkout: only the wheel's copy of followup is importable.
    dependencies = Path(sysconfig.get_paths()["purelib"])
    notes = tmp_path / "notes.toml"
    notes.write_text(
        '[candidate]\nname = "Dana Whitfield"\n[company]\nname = "Acme"\n[role]\ntitle = "AE"\n'
        '[interview]\ndate = 2026-11-20\n[[interviewers]]\nname = "Jordan Lee"\n',
        encoding="utf-8",
    )
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "sys.path = [p for p in sys.path if not p.endswith('/src')];"
        "import followup.templates as t, followup.cli as c;"
        "print(t.builtin_templates_dir());"
        "sys.argv = ['followup', 'render', sys.argv[3], '-o', sys.argv[4], '-d', 'thank-you-card', '-f', 'pdf'];"
        "c.main()"
    )
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    completed = subprocess.run(
        [sys.executable, "-S", "-c", script, str(site), str(dependencies), str(notes), str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[0] == str(site / "followup" / "_templates")
    assert list((tmp_path / "out").rglob("thank-you-card--jordan-lee.pdf"))
