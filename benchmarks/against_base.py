"""The full package now against a base commit, in the same run on the same machine.

Run: ``make bench`` (after benchmarks/run.py), or ``.venv/bin/python benchmarks/against_base.py [--base REV]``.
The base commit's source and templates are checked out into a temporary worktree and run with this venv
(its ``src`` first on ``PYTHONPATH``), so both sides use the same Python and the same libraries; the two
are timed alternately, so a busy minute weighs on both. Default base: ``FOLLOWUP_BENCH_BASE`` or
81cc071, the commit before the wording moved into templates (issue 14: at most 5% more).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE = os.environ.get("FOLLOWUP_BENCH_BASE", "81cc071")


def timed(src: Path, notes: Path, out: Path, cache: Path | None = None) -> float:
    """One full package of ``notes`` rendered by the followup in ``src``, as a whole process (seconds).

    With ``cache``, that folder is emptied and used as the cache folder: a first render.
    """
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
        env["FOLLOWUP_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "followup", "render", str(notes), "-o", str(out), "--force"],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=Path, default=ROOT / "examples" / "acme-robotics.toml")
    parser.add_argument("--limit", type=float, default=1.05, help="largest ratio now/base that holds")
    parser.add_argument("--first", action="store_true",
                        help="every render with an empty cache folder (a first render of the notes)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followup-base-") as folder:
        base = Path(folder) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base), arguments.base],
                       check=True)
        try:
            for src in (base / "src", ROOT / "src"):  # compile once, as pip does at install
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True,
                               env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
            then, now = [], []
            empty = Path(folder) / "empty-cache" if arguments.first else None
            timed(base / "src", arguments.notes, Path(folder) / "warm")  # fonts, caches
            timed(ROOT / "src", arguments.notes, Path(folder) / "warm")
            for _ in range(arguments.runs):
                then.append(timed(base / "src", arguments.notes, Path(folder) / "then", empty))
                now.append(timed(ROOT / "src", arguments.notes, Path(folder) / "now", empty))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    before, after = statistics.median(then), statistics.median(now)
    ratio = after / before
    verdict = "holds" if ratio <= arguments.limit else "MISSES"
    what = "first render" if arguments.first else "full package"
    print(f"{verdict:7} {what} vs {arguments.base} (same run, median of {arguments.runs})"
          f"   {before:.2f} s -> {after:.2f} s = {ratio:.3f}x   target <= {arguments.limit:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
