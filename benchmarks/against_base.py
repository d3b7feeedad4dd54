"""The whole-process targets now against a base commit, in the same run on the same machine.

The full package rendered again (the target of benchmarks/run.py), one thank-you letter PDF, and the
full package of notes whose charts were never drawn (new notes: nothing of theirs in the cache folder).

Run: ``make bench`` (after benchmarks/run.py), or ``.venv/bin/python benchmarks/against_base.py [--base REV]``.
The base commit's source and templates are checked out into a temporary worktree and run with this venv
(its ``src`` first on ``PYTHONPATH``), so both sides use the same Python and the same libraries; the two
are timed alternately, so a busy minute weighs on both. Default base: ``FOLLOWUP_BENCH_BASE`` or
81cc071, the commit before the wording moved into templates (issue 14: the full package at most 5% more).
A target holds when it holds now, or did not hold for the base either (issue 20: no target that holds
there stops holding); the ratio of every measure is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE = os.environ.get("FOLLOWUP_BENCH_BASE", "81cc071")


def timed(src: Path, command: list[str], out: Path, cache: Path | None = None) -> float:
    """``followup render ... -o out --force`` with the followup in ``src``, as a whole process (seconds).

    With ``cache``, that folder is the cache folder, without the chart images it kept: notes whose
    charts were never drawn (new notes), rendered by an installation that has rendered before.
    """
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    if cache is not None:
        shutil.rmtree(cache / "charts", ignore_errors=True)
        env["FOLLOWUP_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "followup", "render", *command, "-o", str(out), "--force"],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


@dataclass
class Measure:
    name: str
    command: list[str]
    new_notes: bool = False
    #: the absolute target of benchmarks/run.py, in seconds (None: none)
    target: float | None = None
    #: the largest ratio now/base that holds (issue 14: the full package at most 5% more; None: none)
    limit: float | None = None


def measures(notes: Path) -> list[Measure]:
    first = tomllib.loads(notes.read_text(encoding="utf-8"))["interviewers"][0]["name"]
    return [
        Measure("full package, rendered again", [str(notes)], target=2.0, limit=1.05),
        Measure("one thank-you letter PDF", [str(notes), "-d", "thank-you-letter", "-f", "pdf",
                                             "--interviewer", first], target=0.6),
        Measure("full package of new notes (charts never drawn)", [str(notes)], new_notes=True),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=Path, default=ROOT / "examples" / "acme-robotics.toml")
    arguments = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory(prefix="followup-base-") as folder:
        base = Path(folder) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base), arguments.base],
                       check=True)
        try:
            for src in (base / "src", ROOT / "src"):  # compile once, as pip does at install
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True,
                               env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
            for measure in measures(arguments.notes):
                cache = Path(folder) / "cache" if measure.new_notes else None
                sides = {"then": (base / "src", []), "now": (ROOT / "src", [])}
                for src, _ in sides.values():  # fonts, caches
                    timed(src, measure.command, Path(folder) / "warm", cache)
                for _ in range(arguments.runs):  # alternately, so a busy minute weighs on both
                    for side, (src, timings) in sides.items():
                        timings.append(timed(src, measure.command, Path(folder) / side, cache))
                before, after = (statistics.median(timings) for _, timings in sides.values())
                lines.append(_line(measure, before, after, arguments))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    print("\n".join(lines))
    return 0


def _line(measure: Measure, before: float, after: float, arguments: argparse.Namespace) -> str:
    """One measure: the ratio, and each target: it holds now, or it did not hold for the base either."""
    ratio = after / before
    checks: list[tuple[bool, str]] = []
    if measure.limit is not None:
        checks.append((ratio <= measure.limit, f"ratio <= {measure.limit:.2f}"))
    if measure.target is not None:
        sides = ", ".join(f"{side} {'holds' if seconds <= measure.target else 'misses'}"
                          for side, seconds in (("base", before), ("now", after)))
        checks.append((after <= measure.target or before > measure.target, f"<= {measure.target:g} s: {sides}"))
    verdict = "info" if not checks else "holds" if all(held for held, _ in checks) else "MISSES"
    targets = "; ".join(text for _, text in checks) or "(reference)"
    return (f"{verdict:7} {measure.name} vs {arguments.base} (same run, median of {arguments.runs})"
            f"   {before:.2f} s -> {after:.2f} s = {ratio:.3f}x   target {targets}")


if __name__ == "__main__":
    sys.exit(main())
