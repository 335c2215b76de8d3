"""A first run against the next: `dyad demo` twice on a fresh cache, side by side.

    python bench/bench_first_run.py              # 3 pairs
    python bench/bench_first_run.py --pairs 5 --command "ingest {examples}"

Each pair gets a new, empty `DYAD_CACHE_DIR` (so the first run builds the place-name index)
and a new store per run; the second run of the pair opens the index the first one built.
Wall and CPU seconds are each run's own (CPU: user + system of the run and every process it
started, the index builder included). Timings on shared machines are noisy: read the ratios
of each pair, measured one right after the other, and the load average printed beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `dyad` command run to its end."""
    cpu, started = _children_cpu(), time.perf_counter()
    cmd = [sys.executable, "-m", "dyad.cli", *args]
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started, _children_cpu() - cpu


def one_pair(command: str, tmp: Path, n: int) -> dict[str, float]:
    """The first and the later run of `command` on a fresh cache folder."""
    cache = tmp / f"cache-{n}"
    cache.mkdir()
    env = dict(os.environ, DYAD_CACHE_DIR=str(cache))
    out: dict[str, float] = {"load": os.getloadavg()[0]}
    for run in ("first", "later"):
        store = tmp / f"{run}-{n}.db"
        argv = [*shlex.split(command), "--store", str(store)]
        out[f"{run}_wall"], out[f"{run}_cpu"] = run_once(argv, env)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument(
        "--command", default="demo", help="dyad arguments; {examples}: the bundled examples"
    )
    args = parser.parse_args()
    examples = str(resources.files("dyad") / "data" / "examples")
    command = args.command.format(examples=shlex.quote(examples))
    print(f"dyad {command}: first run (builds the place index) vs the next, fresh cache each pair")
    print("pair  load   first wall s  CPU s   later wall s  CPU s   ratio wall  CPU")
    ratios: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(1, args.pairs + 1):
            r = one_pair(command, Path(tmp), n)
            wall, cpu = r["first_wall"] / r["later_wall"], r["first_cpu"] / r["later_cpu"]
            ratios.append((wall, cpu))
            print(
                f"{n:>4}  {r['load']:4.1f}   {r['first_wall']:12.1f}  {r['first_cpu']:5.1f}"
                f"   {r['later_wall']:12.1f}  {r['later_cpu']:5.1f}   {wall:10.2f}  {cpu:4.2f}",
                flush=True,
            )
    walls, cpus = [w for w, _ in ratios], [c for _, c in ratios]
    print(f"median ratio: wall {statistics.median(walls):.2f}, CPU {statistics.median(cpus):.2f}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
