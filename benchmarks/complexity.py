"""Growth benchmark, run on demand: ``python benchmarks/complexity.py [CASE...]``.

Some inputs once made wessex take time that grew with the square of their size, each found
by an attack and fixed (the comments at each case say how long it took). The suite keeps
what those fixes must still give, never a stopwatch; here each case is timed at a size and
at four times that size, in this process, and fails when four times the input takes more
than ``MOST_GROWTH`` times as long (linear work gives about 4; the square, 16). The script
exits 1 when any case fails.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

MOST_GROWTH = 8.0


def namesakes(size: int) -> Callable[[], Any]:
    """Letters to many people of one name, each numbered: looked for from 1 for each, 20,000
    took 53 s."""
    from wessex_cli.documents import output_paths

    template = SimpleNamespace(audience="volunteers", name="letter")
    people = [SimpleNamespace(stem="ann-smith") for _ in range(size)]
    return lambda: output_paths(template, people, "eml", Path("out"))  # type: ignore[arg-type]


def unspaced_answer(size: int) -> Callable[[], Any]:
    """A survey answer with no space in it: an e-mail address was looked for from every
    start to the run's end, 32,000 characters took 5 s."""
    from wessex_cli.feedback import Anonymiser

    anonymise = Anonymiser(["Dr Catherine Ashworth"])
    text = ("Smith-" * size)[:size]
    return lambda: anonymise(text)


CASES: dict[str, tuple[Callable[[int], Callable[[], Any]], int]] = {
    "namesakes": (namesakes, 5_000),
    "unspaced-answer": (unspaced_answer, 32_000),
}


def seconds(case: Callable[[int], Callable[[], Any]], size: int) -> float:
    """The median of three runs of ``case`` at ``size`` (its input built beforehand)."""
    run = case(size)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(names: list[str]) -> int:
    failed = 0
    print("| case | size | time | 4x size | time | growth |\n|---|---|---|---|---|---|")
    for name in names or list(CASES):
        case, size = CASES[name]
        small, large = seconds(case, size), seconds(case, 4 * size)
        growth = large / small if small else 0.0
        verdict = "" if growth <= MOST_GROWTH else " FAILED"
        failed += bool(verdict)
        print(f"| {name} | {size:,} | {small:.3f} s | {4 * size:,} | {large:.3f} s | "
              f"{growth:.1f}x{verdict} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
