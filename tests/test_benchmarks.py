"""benchmarks/run.py still runs: its in-process measurements build contexts as a render does.

(It stopped running once, unnoticed, when the wording moved into templates. This is no timed
test: the figures themselves belong to ``make bench``.)
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_the_in_process_measurements_run() -> None:
    spec = importlib.util.spec_from_file_location("followup_bench_run", BENCHMARKS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = {name: sys.modules.pop(name) for name in ("batch",) if name in sys.modules}  # its own batch.py
    sys.modules[spec.name] = module  # dataclasses look their module up
    sys.path.insert(0, str(BENCHMARKS))  # as when it runs as a script
    try:
        spec.loader.exec_module(module)
        results = module.pdf_and_docx_overhead(1)
    finally:
        sys.path.remove(str(BENCHMARKS))
        del sys.modules[spec.name]
        sys.modules.pop("batch", None)
        sys.modules.update(saved)
    assert [result.name for result in results] == ["letter PDF: followup vs WeasyPrint alone",
                                                   "letter DOCX: followup vs docxtpl alone"]
    assert all(result.holds is not None and " ms)" in result.measured for result in results)
