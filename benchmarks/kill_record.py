"""The kill test at length: ``python benchmarks/kill_record.py [ROUNDS] [SEEDS]``.

Runs tests/test_record_kill.py with many rounds and several seeds: ``wessex visit`` and
``wessex withdraw`` are killed (SIGKILL) at random moments, and after every kill the pairs
workbook must open and hold every visit a finished command recorded. Minutes, not seconds:
it is kept out of the suite, which runs a few rounds of the same test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    rounds = sys.argv[1] if len(sys.argv) > 1 else "100"
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    failed = 0
    for seed in range(seeds):
        env = dict(os.environ, WESSEX_KILL_ROUNDS=rounds, WESSEX_KILL_SEED=str(seed))
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "tests/test_record_kill.py"], cwd=ROOT, env=env)
        failed += result.returncode != 0
        verdict = "FAILED" if result.returncode else "ok"
        sys.stdout.write(f"seed {seed}: {rounds} rounds, {verdict}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
