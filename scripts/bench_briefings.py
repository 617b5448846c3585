"""Time the briefing packs: one briefing warm (Word and PDF), and all 33 of one format.

Usage: python scripts/bench_briefings.py [--runs N] [--format pdf|docx] [--out FILE]

"Warm" means the process has loaded the catalogue and drawn one briefing already (libraries
imported, map outlines simplified), as the dashboard's server has after its first download.
Each warm figure is the median of N builds of Glasgow City's briefing, each built from scratch
(charts are not reused between runs). The 33 are timed once, as `--area all` writes them.
Aims (issue 13): one briefing under 5 s warm, all 33 under 3 minutes, on the 2-core machine.
CPU seconds are printed beside wall seconds: on a shared, busy machine they show what the
build itself costs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typing import Any  # noqa: E402

from indicators.catalogue import Catalogue, load_current_catalogue  # noqa: E402
from reports import briefing, charts  # noqa: E402

GLASGOW = "S12000049"
ONE_AIM_S = 5.0
ALL_AIM_S = 180.0


def time_one(catalogue: Catalogue, fmt: briefing.BriefingFormat, runs: int) -> dict[str, Any]:
    seconds, cpu, size = [], [], 0
    for _ in range(runs):
        charts.render.cache_clear()
        started, cpu_started = time.perf_counter(), time.process_time()
        data = briefing.briefing_bytes(catalogue, GLASGOW, fmt, made=date.today())
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        size = len(data)
    return {
        "median_s": round(statistics.median(seconds), 2),
        "median_cpu_s": round(statistics.median(cpu), 2),
        "bytes": size,
        "runs": runs,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=briefing.FORMATS, default="pdf")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "briefings.json")
    args = parser.parse_args()
    started = time.perf_counter()
    catalogue = load_current_catalogue()
    briefing.briefing_bytes(catalogue, GLASGOW, "pdf", made=date.today())
    briefing.briefing_bytes(catalogue, GLASGOW, "docx", made=date.today())
    cold = time.perf_counter() - started
    results: dict[str, Any] = {"cold_first_pdf_and_docx_s": round(cold, 2), "cpus": os.cpu_count()}
    results["load_average_1min_at_start"] = round(os.getloadavg()[0], 2)
    for fmt in briefing.FORMATS:
        results[f"one_{fmt}"] = time_one(catalogue, fmt, args.runs)
    charts.render.cache_clear()
    with tempfile.TemporaryDirectory() as out_dir:
        started, cpu_started = time.perf_counter(), time.process_time()
        written = briefing.write_all(catalogue, Path(out_dir), args.format, made=date.today())
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        sizes = [p.stat().st_size for p in written]
    results[f"all_{args.format}"] = {
        "files": len(written),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "largest_bytes": max(sizes),
        "total_bytes": sum(sizes),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("\nBriefing packs (Glasgow City; aims: one under 5 s warm, all 33 under 3 minutes)")
    for fmt in briefing.FORMATS:
        one = results[f"one_{fmt}"]
        verdict = "ok" if one["median_s"] < ONE_AIM_S else "over the aim"
        print(
            f"  one {fmt:4} warm: {one['median_s']:.2f} s (CPU {one['median_cpu_s']:.2f} s), "
            f"{one['bytes'] / 1024:.0f} KB ({verdict})"
        )
    every = results[f"all_{args.format}"]
    verdict = "ok" if every["seconds"] < ALL_AIM_S else "over the aim"
    print(
        f"  all 33 {args.format}: {every['seconds']:.1f} s (CPU {every['cpu_seconds']:.1f} s) "
        f"({verdict})"
    )
    print(
        f"  load average at start {results['load_average_1min_at_start']} on {os.cpu_count()} "
        "CPUs: wall times rise with other work on the machine; CPU times do not."
    )
    print(f"  first PDF and Word in a fresh process: {cold:.1f} s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
