"""followup watch: what a change re-renders, and a real rename-style save picked up by the watcher."""

from __future__ import annotations

import os
import re
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
    worker = threading.Thread(target=watch_paths, args=([notes],), kwargs={
        "out": out, "on_batch": batches.append, "documents": ["thank-you-card"], "formats": ["docx"], "jobs": 1,
        "stop_event": stop, "max_batches": 1, "debounce_ms": 100, "step_ms": 20, "force_polling": True},
        daemon=True)
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


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "followup", "watch", "nope", "-o", "out"], cwd=tmp_path,
                               capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == ["nope: no such file or folder"]
    assert not (tmp_path / "out").exists()


def test_a_profile_above_the_watched_folder_is_followed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(tmp_path / "config"))
    notes = tmp_path / "jobs" / "notes"
    paths = sorted(path.resolve() for path in write_notes(notes, 2))
    changes = ChangeMap([notes], out=tmp_path / "out")
    above = tmp_path / "jobs" / "profile.toml"
    assert above.resolve() in changes.outer_profiles()
    assert (notes / "profile.toml").resolve() not in changes.outer_profiles(), "that one is watched already"
    assert changes.outer_profiles_changed() == []
    above.write_text('[candidate]\nname = "Dana Whitfield"\n', encoding="utf-8")
    assert changes.outer_profiles_changed() == paths
    assert changes.outer_profiles_changed() == [], "each change is reported once"
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "profile.toml").write_text("[candidate]\n", encoding="utf-8")
    assert changes.outer_profiles_changed() == paths


def test_print_watch_batch_says_when_what_and_the_warnings(tmp_path: Path, capsys) -> None:
    import re

    from followup.cli_output import print_watch_batch
    from followup.errors import Problem
    from followup.pipeline import NotesResult, Output

    notes = tmp_path / "acme.toml"
    result = NotesResult(notes_path=notes, outputs=[
        Output("thank-you-letter", "written", "pdf", "Jordan Lee", tmp_path / "letter.pdf"),
        Output("thank-you-card", "unchanged", "pdf", "Jordan Lee", tmp_path / "card.pdf")],
        warnings=[Problem("the card runs over one page", file=notes, severity="warning")])
    print_watch_batch(BatchResult(results=[result], elapsed_seconds=0.25))
    captured = capsys.readouterr()
    first, wrote = captured.out.splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d acme\.toml: 1 written, 1 unchanged \(0\.25 s\)", first)
    assert wrote == f"  wrote {tmp_path / 'letter.pdf'}"
    assert "warning: the card runs over one page" in captured.err


def test_the_watch_command_renders_at_start_then_each_save(tmp_path: Path) -> None:
    import queue
    import signal
    import subprocess
    import sys

    notes = tmp_path / "notes"
    (path,) = write_notes(notes, 1)
    process = subprocess.Popen([sys.executable, "-m", "followup", "watch", "notes", "-o", "out"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=dict(os.environ, CI="1"))
    received: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [received.put(line.rstrip("\n")) for line in process.stdout],  # type: ignore[union-attr]
                     daemon=True).start()
    lines: list[str] = []

    def wait_for(text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = received.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return False
            lines.append(line)
            if text in line:
                return True
        return False

    try:
        assert wait_for("watching; press Ctrl-C to stop", 240), lines
        assert any(re.fullmatch(r"\d\d:\d\d:\d\d interview-00\.toml: \d+ written.* \(\d+\.\d\d s\)", line)
                   for line in lines), ("rendered once at start", lines)
        start = len(lines)
        for attempt in range(30):  # the OS watch starts just after "watching": save until a render is seen
            text = re.sub(r"Boston Marathon|Marathon \d+", f"Marathon {attempt}", path.read_text(encoding="utf-8"))
            path.write_text(text, encoding="utf-8")
            if wait_for("wrote ", 3):
                break
        wait_for("never printed", 1)  # the rest of that render's lines
        changed = lines[start:]
        assert any(re.fullmatch(r"\d\d:\d\d:\d\d interview-00\.toml: \d+ written, "
                                r"\d+ unchanged.* \(\d+\.\d\d s\)", line)
                   for line in changed), changed
        assert any(line.endswith("thank-you-card--jordan-lee.pdf") and "wrote" in line for line in changed), changed
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
