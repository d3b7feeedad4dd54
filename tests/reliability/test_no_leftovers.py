"""A render leaves nothing in the temporary folder: WeasyPrint's font copies are removed by every process.

WeasyPrint copies the ``@font-face`` fonts to a ``weasyprint-*`` temporary folder
per font configuration and removes it only when the configuration is
garbage-collected, which a forked render process or a batch worker (both end
with ``os._exit``) never does: each render used to leave 5.5 MB behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup.render.parallel import fork_available

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def render_with_temporary_folder(arguments: list[str], temporary: Path) -> subprocess.CompletedProcess[str]:
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    return subprocess.run([sys.executable, "-m", "followup", "render", *arguments], capture_output=True, text=True,
                          env=environment, timeout=300)


def test_rendering_one_notes_file_in_two_processes_leaves_no_temporary_files(tmp_path: Path) -> None:
    completed = render_with_temporary_folder([str(EXAMPLES / "acme-robotics.toml"), "-o", str(tmp_path / "out")],
                                             tmp_path / "tmp")
    assert completed.returncode == 0, completed.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) >= 10
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_batch_with_two_workers_leaves_no_temporary_files(tmp_path: Path) -> None:
    completed = render_with_temporary_folder([str(EXAMPLES), "-o", str(tmp_path / "out"), "-j", "2"], tmp_path / "tmp")
    assert completed.returncode == 0, completed.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) >= 20
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.skipif(not fork_available(), reason="needs fork (Linux)")
def test_a_forked_child_never_removes_the_font_folder_of_its_parent(tmp_path: Path) -> None:
    from followup.render import pdf
    from followup.render.parallel import render_in_two_processes

    html = ('<style>@font-face { font-family: Lato; src: url("fonts/Lato-Regular.ttf"); }</style>'
            '<p style="font-family: Lato">Thank you</p>')
    pdf.write_pdf(html)
    folders = [Path(configuration._folder) for configuration in pdf._font_configurations.values()
               if configuration._folder]
    assert folders and all(folder.is_dir() for folder in folders)

    def render_one(index: int) -> tuple[list[tuple[str, bytes | None, str | None]], list[object]]:
        return [("pdf", pdf.write_pdf(html), None)], []  # the child builds and removes its own configuration

    results = render_in_two_processes([2, 1, 1, 1], render_one)
    assert all(isinstance(data, bytes) and data.startswith(b"%PDF")
               for rendered, _ in results for _, data, _ in rendered)
    assert all(folder.is_dir() for folder in folders)  # the parent's folders survived the child
    pdf.release_font_configurations()
    assert not any(folder.exists() for folder in folders)
