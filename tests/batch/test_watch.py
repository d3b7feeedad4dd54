"""followup watch: what a change re-renders, and a real rename-style save picked up by the watcher."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import docx
from notes_factory import write_notes

from followup.batch import BatchResult
from followup.watch import ChangeMap, watch_paths


def test_what_each_change_re_renders(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    paths = [path.resolve() for path in write_notes(notes, 4)]  # interview-02 lives in notes/archive
    templates = tmp_path / "templates"
    (templates / "thank-you-card").mkdir(parents=True)
    out = notes / "out"  # OUT inside the watched folder must not feed back
    changes = ChangeMap([notes], out=out, templates_dir=templates)
    assert changes.affected([paths[0]]) == [paths[0]]
    assert changes.affected([notes / "archive" / "profile.toml"]) == [paths[2]]
    assert changes.affected([notes / "profile.toml"]) == sorted(paths)
    assert changes.affected([templates / "thank-you-card" / "thank-you-card.html"]) == sorted(paths)
    assert changes.affected([notes / "gone.toml", notes / "readme.md", out / "x" / "card.toml"]) == []
    assert not changes.relevant(out / "acme" / "card.pdf")
    assert sorted(changes.roots) == [notes.resolve(), templates.resolve()]


def test_a_single_watched_file_ignores_its_neighbours(tmp_path: Path) -> None:
    first, second = (path.resolve() for path in write_notes(tmp_path, 2))
    changes = ChangeMap([first], out=tmp_path / "out")
    assert changes.roots == [tmp_path.resolve()]
    assert changes.affected([second]) == []
    assert changes.affected([first, tmp_path / "profile.toml"]) == [first]


def test_watch_picks_up_a_rename_style_save(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (path,) = write_notes(notes, 1)
    out = tmp_path / "out"
    batches: list[BatchResult] = []
    stop = threading.Event()
    worker = threading.Thread(target=watch_paths, args=([notes],), kwargs=dict(
        out=out, on_batch=batches.append, documents=["thank-you-card"], formats=["docx"], jobs=1,
        stop_event=stop, max_batches=1, debounce_ms=100, step_ms=20, force_polling=True), daemon=True)
    worker.start()
    try:
        # The watcher has no "ready" signal, so save again until it reports (each save is a real change).
        deadline = time.monotonic() + 60
        attempt = 0
        while not batches and time.monotonic() < deadline:
            attempt += 1
            text = path.read_text(encoding="utf-8").replace("Boston Marathon", f"Marathon number {attempt}")
            temporary = notes / f".{path.name}.swp-{attempt}"  # an editor's temp file beside the notes
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)
            waited = time.monotonic() + 1.5
            while not batches and time.monotonic() < waited:
                time.sleep(0.05)
        worker.join(timeout=30)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert batches, "no re-render after a rename-style save"
    (result,) = batches[0].results
    assert result.notes_path.resolve() == path.resolve() and not result.failed
    (output,) = result.outputs
    assert output.status == "written"
    text = "\n".join(paragraph.text for paragraph in docx.Document(output.path).paragraphs)
    assert "Marathon number" in text
    assert not worker.is_alive()


def test_watch_stops_when_asked(tmp_path: Path) -> None:
    write_notes(tmp_path / "notes", 1)
    stop = threading.Event()
    finished: list[int] = []
    worker = threading.Thread(target=lambda: finished.append(watch_paths(
        [tmp_path / "notes"], out=tmp_path / "out", stop_event=stop, step_ms=20, force_polling=True)),
        daemon=True)
    worker.start()
    time.sleep(0.3)
    stop.set()
    worker.join(timeout=10)
    assert finished == [0]
