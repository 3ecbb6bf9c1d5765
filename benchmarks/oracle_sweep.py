"""The reference-solver sweep, larger than the test suite's: ``python benchmarks/oracle_sweep.py
[ROSTERS]``. On demand, never in CI.

Each generated roster (tests/oracle.py: capacities 1–3, titles and case changes, dense
exclusions, all-zero scores, heavy preferences, locks, kept pairs, and the family where
some people have exactly one possible partner) is paired by ``pair_volunteers`` on both
solver paths and by the independent reference (SciPy milp, two stages). Any disagreement in
the number of pairs or the total score is printed with its seed and ends with exit 1.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import oracle  # noqa: E402

from wessex_cli import solver  # noqa: E402
from wessex_cli.model import PairRecord, Person  # noqa: E402
from wessex_cli.pairing import pair_volunteers  # noqa: E402
from wessex_cli.roster import read_roster  # noqa: E402
from wessex_cli.scheme import Scheme  # noqa: E402


def disagreement(case: oracle.Case, folder: Path, seed: int) -> str:
    roster = read_roster(case.write(folder / "volunteers.csv"))
    if roster.errors:
        return f"roster errors: {roster.errors[0].text}"
    result = pair_volunteers(roster, Scheme(), locks=[f"{a}={b}" for a, b in case.locks],
                             keep=[PairRecord("", Person(email=a), Person(email=b))
                                   for a, b in case.kept], seed=seed)
    found, best = (len(result.pairs), result.score), oracle.best(case)
    return "" if found == best else f"wessex {found}, reference {best}"


DEFAULT_LIMIT = solver.DENSE_LIMIT


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for seed in range(count):
            style = ("mixed", "dense", "zero", "heavy")[seed % 4]
            cases = [(f"{style} {seed}", oracle.generate(100_000 + seed, max_side=12,
                                                         style=style))]
            if seed % 10 == 0:
                cases.append((f"one-partner {seed}",
                              oracle.one_partner_family(seed, gps=20 + seed % 40,
                                                        picky=2 + seed % 9)))
            for name, case in cases:
                for limit in (solver.DENSE_LIMIT, 0):
                    solver.DENSE_LIMIT = limit
                    problem = disagreement(case, folder, seed)
                    if problem:
                        failures += 1
                        print(f"{name} (dense limit {limit}): {problem}")
            solver.DENSE_LIMIT = DEFAULT_LIMIT
    print(f"{count} rosters, {failures} disagreement(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
