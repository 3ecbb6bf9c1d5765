"""Safety benchmark, run on demand: ``python benchmarks/safety.py [CASE...]``.

Each case runs one wessex command on an input under 50 MB, honest (as large as the limits
allow) or hostile (a few kilobytes claiming far more, a zip bomb, a file too large), in a
fresh process timed from outside; the process reports its own peak memory (VmHWM). A case
fails when it uses more than 500 MB or 60 s. Inputs are generated into
benchmarks/data/safety/; the script exits 1 when any case fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data" / "safety"
MAX_MB = 500
MAX_SECONDS = 60

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

# The child reports its own high-water mark (VmHWM), not ru_maxrss: Linux carries
# ru_maxrss over exec from the forking parent, so the parent's peak would be counted too.
CHILD = """
import resource, sys
from pathlib import Path
from wessex_cli.cli import main
sys.argv = ["wessex", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
hwm = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
peak = hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("@@PEAK", peak // 1024, code, file=sys.stderr)
"""


def _roster(people: int) -> Path:
    from run import make_roster  # the roster generator of the performance benchmark

    return make_roster(DATA / f"roster-{people}.xlsx", people)


def _pairs(rows: int, filled: bool = False) -> Path:
    """A pairs workbook of ``rows`` pairs written by wessex's own writer; ``filled``: every
    cell but the visits' holds a text of its own (the most openpyxl holds for a cell)."""
    path = DATA / f"pairs-{rows}{'-filled' if filled else ''}.xlsx"
    if path.exists():
        return path
    from wessex_cli.pairs_workbook import PAIRS_HEADERS
    from wessex_cli.xlsx_out import SheetSpec, write_workbook

    body = []
    for index in range(rows):
        body.append([f"P{index:05d}", f"Dr GP {index}", f"gp{index}@example.org", "07700 900001",
                     "GP", "primary", f"Practice {index % 500}", "", "",
                     f"Consultant {index}", f"c{index}@nhs.net", "", "Consultant", "secondary",
                     "General Hospital", "Cardiology", "", 2, "same cluster", "solver",
                     None, "", None, "", "", "", ""])
        if filled:
            body[-1] = [value if value not in ("", None) or 20 <= column <= 23
                        else f"text {index} {column}" for column, value in enumerate(body[-1])]
    write_workbook(path, [SheetSpec("Pairs", list(PAIRS_HEADERS), body)])
    return path


def _hostile(name: str) -> Path:
    from tests.hostile.files import HEADER, ODS_HEADER, ods, ods_cell, ods_row, xlsx

    path = DATA / name
    if name == "xfd.xlsx":
        xlsx(path, [*HEADER, ("XFD1048576", "x")])
    elif name == "aaa.xlsx":
        xlsx(path, [*HEADER, ("AAA200000", "x")])
    elif name == "repeats.ods":
        ods(path, ODS_HEADER + ods_row(ods_cell("x", 16_384), 1_048_576))
    elif name == "bomb.xlsx":
        xlsx(path, [*HEADER])
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, \
                archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            for _ in range(256):
                member.write(b" " * (1 << 24))  # 4 GB of spaces
    elif name == "49mb.xlsx":
        xlsx(path, [*HEADER])
        with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
            archive.writestr("xl/media/image1.png", os.urandom(49 * 1024 * 1024))
    return path


def _csv(rows: int, columns: int = 15) -> Path:
    """Valid volunteers: the reading limits, not a table of problems, are measured."""
    path = DATA / f"wide-{rows}-{columns}.csv"
    if not path.exists():
        extra = ",".join(f"note {n}" for n in range(columns - 3))
        lines = ["Name,Email,Profession," + ",".join(f"Extra {n}" for n in range(columns - 3))]
        lines += [f"Person {n},person.{n}@example.org,{'GP' if n % 2 else 'Consultant'},{extra}"
                  for n in range(rows - 1)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _csv_of_errors(rows: int = 99_000) -> Path:
    """Every row with two errors (an address that is none, a side that is not one): the
    cost of the problems themselves, not of reading."""
    path = DATA / f"errors-{rows}.csv"
    if not path.exists():
        lines = ["Name,Email,Profession,Side," + ",".join(f"Extra {n}" for n in range(6))]
        lines += [f"Person {n},not an address {n},GP,middle,{','.join(['note'] * 6)}"
                  for n in range(rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _feedback_names(answers: int = 300, size: int = 32_000) -> Path:
    """Survey answers of ``size`` characters each, every few words a titled name with "'s"
    ("Mr Patel's clinic"): the anonymiser once copied the text before each such name to
    look at its ending, which made a 288 KB answer take 79 s (32,000 characters is near the
    most a cell holds: with that copying, this case takes two and a half minutes)."""
    path = DATA / f"feedback-{answers}-{size}.csv"
    if not path.exists():
        phrase = "Mr Patel's clinic ran late and Sister O'Neill's team helped; "
        answer = (phrase * (size // len(phrase) + 1))[:size]
        lines = ["Timestamp,Profession,What will you take back?"]
        lines += [f'2027-07-01,{"GP" if n % 2 else "Consultant"},"{answer}"'
                  for n in range(answers)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CASES: dict[str, tuple[Callable[[], list[str]], str]] = {
    "check-66k": (lambda: ["check", str(_roster(66_000))],
                  "check on 66,000 volunteers x 15 columns (the cell limit)"),
    "check-csv-limit": (lambda: ["check", str(_csv(66_000))],
                        "check on a CSV of 66,000 rows x 15 columns (the cell limit)"),
    "check-csv-rows": (lambda: ["check", str(_csv(100_000, 10))],
                       "check on a CSV of 100,000 rows x 10 columns (the row limit)"),
    "check-errors-json": (lambda: ["check", str(_csv_of_errors()), "--json"],
                          "check --json on a CSV of 99,000 rows, each with two errors"),
    "check-errors": (lambda: ["check", str(_csv_of_errors())],
                     "check (the table) on a CSV of 99,000 rows, each with two errors"),
    "status-37k": (lambda: ["status", str(_pairs(37_000)), "--json"],
                   "status --json on 37,000 pairs x 27 columns (the cell limit)"),
    "status-5k": (lambda: ["status", str(_pairs(5_000))], "status (table) on 5,000 pairs"),
    "mailmerge-37k": (lambda: ["mailmerge", str(_pairs(37_000)), "-o",
                               str(DATA / "out-merge.csv"), "--force",
                               "--allow-placeholders"],  # no scheme.toml beside it
                      "mailmerge of 37,000 pairs"),
    "visit-12k": (lambda: ["visit", str(_pairs(12_900)), "Dr GP 12899", "--hosted",
                           "2027-05-04", "--force"],  # a date after today's, on purpose
                  "visit in 12,900 pairs (the edit limit)"),
    "visit-filled": (lambda: ["visit", str(_pairs(12_900, filled=True)), "Dr GP 12899",
                              "--hosted", "2027-05-04", "--force"],
                     "visit in 12,900 pairs, every cell holding a different text"),
    "pair-10k": (lambda: ["pair", str(_roster(10_000)), "--dry-run", "--json"],
                 "pair 10,000 volunteers"),
    "xfd": (lambda: ["check", str(_hostile("xfd.xlsx"))], "check on one cell at XFD1048576"),
    "aaa": (lambda: ["status", str(_hostile("aaa.xlsx"))], "status on one cell at AAA200000"),
    "ods": (lambda: ["check", str(_hostile("repeats.ods"))],
            "check on an .ods repeating a cell 16,384 x 1,048,576 times"),
    "bomb": (lambda: ["check", str(_hostile("bomb.xlsx"))], "check on a 4 GB zip bomb"),
    "49mb": (lambda: ["check", str(_hostile("49mb.xlsx"))], "check on a 49 MB workbook"),
    "feedback-names": (lambda: ["feedback", str(_feedback_names()), "-o",
                                str(DATA / "out-pack.html"), "--no-names-source", "--force"],
                       "feedback on 300 answers of 32,000 characters, a titled name every "
                       "few words"),
}


def measure(args: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True,
                              text=True, timeout=MAX_SECONDS * 3, cwd=DATA, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, "timed out"
    seconds = time.perf_counter() - start
    marker = [line for line in done.stderr.splitlines() if line.startswith("@@PEAK")]
    if not marker:
        return seconds, -1, done.stderr.strip().splitlines()[-1][:80] if done.stderr else "?"
    _, peak, code = marker[-1].split(maxsplit=2)
    return seconds, int(peak), f"exit {code}"


def main(names: list[str]) -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    chosen = names or list(CASES)
    failed = 0
    print(f"| case | input | time | peak memory | result | within {MAX_MB} MB and "
          f"{MAX_SECONDS} s |")
    print("|---|---|---|---|---|---|")
    for name in chosen:
        build, title = CASES[name]
        args = build()
        source = next((Path(a) for a in args[1:] if Path(a).exists()), None)
        size = f"{source.stat().st_size / 1024 / 1024:.2f} MB" if source else "-"
        seconds, peak, result = measure(args)
        ok = 0 <= peak <= MAX_MB and seconds <= MAX_SECONDS
        failed += not ok
        print(f"| {title} | {size} | {seconds:.1f} s | {peak} MB | {result} | "
              f"{'yes' if ok else 'NO'} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
