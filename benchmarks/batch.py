"""Batch benchmark: speed-up of 2 jobs over 1, and an unchanged re-run against a full run.

Run: ``.venv/bin/python benchmarks/batch.py [--copies 12]``. Not a test: it prints
numbers to copy into docs/batch.md, with the machine they were measured on.

It makes a temporary folder with ``--copies`` copies of the examples (each copy's
company renamed so outputs do not collide; the test fixture stands in while
``examples/`` has no notes), finds which documents render today (documents still
being written are left out, and named), then, each in a fresh process so nothing
is warm that a user's run would not have warm:

1. a full render with 1 job, 2. a full render with 2 jobs into a fresh folder,
3. an unchanged re-run of (2).

The times are those of ``render_paths`` (the batch: warm-up, workers, writes),
plus the whole process for reference. Peak memory per worker is the largest
``ru_maxrss`` among the worker processes (``RUSAGE_CHILDREN`` of the process
that ran the batch); for 1 job it is that process itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FALLBACK_NOTES = ROOT / "tests" / "documents" / "fixtures" / "full.toml"
COMPANY_NAME = re.compile(r'^(\s*name\s*=\s*")([^"]*)(")', re.MULTILINE)


def source_notes() -> tuple[Path, list[Path]]:
    """The folder and notes files to copy: the examples, or the test fixture until examples exist."""
    from followup.notes.discovery import find_notes

    if EXAMPLES.is_dir():
        notes = [Path(path) for path in find_notes([EXAMPLES])]
        if notes:
            return EXAMPLES, notes
    return FALLBACK_NOTES.parent, [FALLBACK_NOTES]


def rename_company(text: str, suffix: str) -> str:
    """Append ``suffix`` to the ``name`` in the ``[company]`` table (the first ``name =`` after it)."""
    start = text.find("[company]")
    if start < 0:
        return text
    match = COMPANY_NAME.search(text, start)
    if match is None:
        return text
    return text[:match.start(2)] + match.group(2) + suffix + text[match.end(2):]


def make_folder(target: Path, copies: int) -> int:
    """``copies`` copies of the source notes (and their profiles) under ``target``; returns the notes count."""
    base, notes = source_notes()
    profiles = list(base.rglob("profile.toml"))
    for index in range(copies):
        copy = target / f"copy-{index:02d}"
        for profile in profiles:
            destination = copy / profile.relative_to(base)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(profile, destination)
        for path in notes:
            destination = copy / path.relative_to(base)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(rename_company(path.read_text(encoding="utf-8"), f" {index:02d}"),
                                   encoding="utf-8")
    return copies * len(notes)


def working_documents(scratch: Path) -> tuple[list[str], dict[str, str]]:
    """The documents that render today for the source notes, and why the others were left out."""
    from followup.documents import DOCUMENT_NAMES
    from followup.pipeline import render_notes

    _, notes = source_notes()
    working: list[str] = []
    left_out: dict[str, str] = {}
    for name in DOCUMENT_NAMES:
        try:
            results = [render_notes(path, out=scratch / name, documents=[name]) for path in notes]
        except Exception as error:  # noqa: BLE001 - a document still being written
            left_out[name] = f"{type(error).__name__}: {error}"
            continue
        failures = [str(result.error) if result.error else "an output failed" for result in results if result.failed]
        if failures:
            left_out[name] = failures[0].splitlines()[0]
        elif any(output.status != "skipped" for result in results for output in result.outputs):
            working.append(name)
        else:
            left_out[name] = "skipped for these notes"
    return working, left_out


def child(arguments: argparse.Namespace) -> None:
    """One timed batch in this fresh process; prints JSON."""
    from followup.batch import render_paths

    batch = render_paths([Path(arguments.notes)], out=Path(arguments.out), documents=arguments.document,
                         jobs=arguments.jobs)
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_peak = own.ru_maxrss
    print(json.dumps({
        "seconds": batch.elapsed_seconds,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "jobs": batch.jobs,
        "worker_peak_kib": batch.peak_worker_rss_kib,
        "self_peak_kib": own_peak,
        "totals": dict(batch.totals()),
        "failed": batch.failed,
    }))


def timed_run(notes: Path, out: Path, jobs: int, documents: list[str]) -> dict[str, object]:
    """Run one batch in a fresh interpreter; its JSON plus the whole process's wall time."""
    command = [sys.executable, __file__, "--child", "--notes", str(notes), "--out", str(out), "--jobs", str(jobs)]
    for name in documents:
        command += ["--document", name]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    data["process_seconds"] = wall
    return data


def _spin(units: int) -> None:
    """Fixed pure-Python CPU work (one unit is a few hundred milliseconds)."""
    total = 0
    for _ in range(units):
        for number in range(3_000_000):
            total += number % 7


def machine_parallelism() -> float:
    """How much faster two processes finish two units of CPU work than one process does, right now.

    On an idle 2-core machine this is close to 2; on a shared one it says what
    2 jobs could possibly gain while the benchmark ran.
    """
    import multiprocessing

    started = time.perf_counter()
    _spin(2)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    processes = [multiprocessing.Process(target=_spin, args=(1,)) for _ in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    parallel = time.perf_counter() - started
    return serial / parallel


def machine() -> str:
    """CPU model, core count, OS and Python: the context the numbers need."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {cores} cores usable, {system}, Python {platform.python_version()}"


def mebibytes(kib: object) -> str:
    return f"{int(kib) / 1024:.0f} MiB" if isinstance(kib, int) else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the examples (default 4)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="full runs per job count, interleaved; the fastest counts (default 2)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--notes", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--document", action="append", help="only these documents (default: all that render)")
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments)
        return

    with tempfile.TemporaryDirectory(prefix="followup-batch-bench-") as scratch_name:
        scratch = Path(scratch_name)
        if arguments.document:
            documents, left_out = arguments.document, {}
        else:
            documents, left_out = working_documents(scratch / "probe")
        notes = scratch / "notes"
        count = make_folder(notes, arguments.copies)
        print(f"machine:   {machine()}")
        print(f"notes:     {count} files ({arguments.copies} copies of {len(source_notes()[1])}, "
              f"from {source_notes()[0].relative_to(ROOT)})")
        print(f"documents: {', '.join(documents) or 'none'}")
        for name, why in left_out.items():
            print(f"  left out {name}: {why}")
        ones: list[dict[str, object]] = []
        twos: list[dict[str, object]] = []
        floors: list[float] = []
        for attempt in range(arguments.repeat):  # interleaved, so a busy spell on the machine hits both
            floors.append(machine_parallelism())
            ones.append(timed_run(notes, scratch / f"out-1-{attempt}", 1, documents))
            twos.append(timed_run(notes, scratch / f"out-2-{attempt}", 2, documents))
        again = timed_run(notes, scratch / f"out-2-{arguments.repeat - 1}", 2, documents)
        one = min(ones, key=lambda run: float(run["seconds"]))  # type: ignore[arg-type]
        two = min(twos, key=lambda run: float(run["seconds"]))  # type: ignore[arg-type]
        outputs = sum(int(value) for value in one["totals"].values())  # type: ignore[union-attr]
        print(f"outputs:   {outputs} per full run {one['totals']}")
        print(f"runs (s):  1 job {[round(float(run['seconds']), 2) for run in ones]}, "  # type: ignore[arg-type]
              f"2 jobs {[round(float(run['seconds']), 2) for run in twos]}")  # type: ignore[arg-type]
        print(f"1 job:     {one['seconds']:.2f} s  (CPU {one['cpu_seconds']:.2f} s, process "
              f"{one['process_seconds']:.2f} s, peak {mebibytes(one['self_peak_kib'])})")
        print(f"2 jobs:    {two['seconds']:.2f} s  (CPU {two['cpu_seconds']:.2f} s, process "
              f"{two['process_seconds']:.2f} s, peak per worker {mebibytes(two['worker_peak_kib'])}, "
              f"parent {mebibytes(two['self_peak_kib'])})")
        print(f"re-run:    {again['seconds']:.2f} s unchanged (process {again['process_seconds']:.2f} s) "
              f"{again['totals']}")
        speed_up = float(one["seconds"]) / float(two["seconds"])  # type: ignore[arg-type]
        share = float(again["seconds"]) / float(two["seconds"])  # type: ignore[arg-type]
        print(f"speed-up of 2 jobs over 1: {speed_up:.2f}x")
        print(f"unchanged re-run / full run (2 jobs): {share:.1%}")
        print(f"the machine's own 2-process speed-up on a pure CPU loop meanwhile: "
              f"{', '.join(f'{floor:.2f}x' for floor in floors)}")
        efficiency = float(two["cpu_seconds"]) / (2 * float(two["seconds"]))  # type: ignore[arg-type]
        print(f"2-job CPU use: {efficiency:.0%} of two cores (CPU seconds / (2 x wall))")
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} (1 min; 2 means both cores busy)")
        if one["failed"] or two["failed"]:
            print("note: some files failed; see `followup render` on the folder")


if __name__ == "__main__":
    main()
