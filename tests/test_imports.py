"""Heavy libraries are imported only on the paths that need them (issue 9: check stays fast).

``followup --help`` is covered by tests/test_cli.py; here ``check``, and a
text-only render, run in a fresh interpreter and report which heavy modules got loaded.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FULL_EXAMPLE = ROOT / "examples" / "acme-robotics.toml"
RENDERING_LIBRARIES = ("weasyprint", "docxtpl", "docx", "matplotlib")


def loaded_after(arguments: list[str]) -> tuple[str, list[str]]:
    """Run ``followup ARGUMENTS`` in a fresh interpreter: its output, and which rendering libraries it loaded."""
    script = (
        "import sys\n"
        "from followup.cli import main\n"
        f"sys.argv = ['followup', *{arguments!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = [name for name in {RENDERING_LIBRARIES!r} if name in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.strip().splitlines()
    return "\n".join(lines[:-1]), [name for name in lines[-1].removeprefix("HEAVY:").split(",") if name]


@pytest.mark.skipif(not FULL_EXAMPLE.is_file(), reason="the full example is not there yet")
def test_check_loads_no_rendering_library() -> None:
    output, heavy = loaded_after(["check", str(FULL_EXAMPLE)])
    assert "checked 1 notes file(s)" in output  # it really checked, documents' own warnings included
    assert heavy == []


@pytest.mark.skipif(not FULL_EXAMPLE.is_file(), reason="the full example is not there yet")
def test_a_text_only_render_loads_no_pdf_docx_or_chart_library(tmp_path: Path) -> None:
    output, heavy = loaded_after(["render", str(FULL_EXAMPLE), "-o", str(tmp_path), "-f", "txt"])
    assert list(tmp_path.rglob("*.txt")), output
    assert heavy == []
