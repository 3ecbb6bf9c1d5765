"""Benchmarks, run on demand (never in the test suite):
``python benchmarks/run.py [--repeat N] [NAME...]``.

Each measurement runs in a fresh process, timed from outside (start-up and imports
included, as a user experiences them). The process reports its own peak memory (VmHWM,
see ``peak_mb``). Every wessex figure is printed beside a reference measured in the same
run, the two run alternately several times, because the machine is shared and noisy and
only ratios compare: the table gives medians and the range over the runs. Inputs are
generated into benchmarks/data/.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = HERE / "out"
PROFESSIONS_A = ["GP", "Practice nurse", "ANP"]
PROFESSIONS_B = ["Consultant", "Registrar", "Ward nurse"]
SPECIALTIES = ["Cardiology", "Respiratory", "Diabetes", "Gastroenterology", "Paediatrics",
               "Elderly Care", "Dermatology", "Oncology", "Rheumatology", "Radiology"]


def make_roster(path: Path, people: int, seed: int = 1, named: float = 0.3,
                topic: float = 0.3) -> Path:
    """A roster with realistic variety and dense eligibility, half on each side. Each of
    the three preferences names a person with probability ``named``, a specialty with
    probability ``topic``, and is blank otherwise."""
    import random

    import xlsxwriter

    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    rng = random.Random(seed)
    half = people // 2
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Volunteers")
    headers = ["Name", "Email", "Phone", "Profession", "Organisation", "Specialty", "Cluster",
               "Registered practice", "Host days", "Visit days", "Preference 1", "Preference 2",
               "Preference 3", "Avoid", "Notes"]
    sheet.write_row(0, 0, headers)
    days = ["", "any", "Mon, Wed", "Tue-Thu", "Fri am", "Mon-Fri", ""]
    practices = max(10, half // 8)
    for index in range(people):
        primary = index < half
        other = rng.randrange(half, people) if primary else rng.randrange(0, half)
        prefs = []
        for _ in range(3):
            roll = rng.random()
            prefs.append(f"Person {other}" if roll < named else rng.choice(SPECIALTIES)
                         if roll < named + topic else "")
            other = rng.randrange(half, people) if primary else rng.randrange(0, half)
        sheet.write_row(index + 1, 0, [
            f"Person {index}", f"person.{index}@example.org", f"07700 9{index:05d}",
            rng.choice(PROFESSIONS_A if primary else PROFESSIONS_B),
            f"Practice {rng.randrange(practices)}" if primary else
            f"Hospital - {rng.choice(SPECIALTIES)}",
            "General Practice" if primary else rng.choice(SPECIALTIES),
            f"Cluster {rng.randrange(6)}",
            f"Practice {rng.randrange(practices)}" if not primary and rng.random() < 0.3 else "",
            rng.choice(days), rng.choice(days), *prefs,
            f"Person {rng.randrange(people)}" if rng.random() < 0.02 else "", ""])
    book.close()
    return path


def peak_mb() -> float:
    """This process's own peak resident memory (VmHWM). Not ``ru_maxrss``: Linux carries
    that over ``exec`` from the parent that forked the child, so a large parent would be
    counted as the child's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------ measured in a child process

def child_read_raw(path: str) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name("Volunteers").to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "mb": peak_mb()}


def child_read_wessex(path: str) -> dict[str, float]:
    from wessex_cli.roster import read_roster

    start = time.perf_counter()
    roster = read_roster(Path(path))
    return {"seconds": time.perf_counter() - start, "rows": len(roster.volunteers),
            "mb": peak_mb()}


def child_check_reference(path: str) -> dict[str, float]:
    """Read with calamine, find the header row, validate every e-mail with email-validator."""
    from email_validator import EmailNotValidError, validate_email
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name("Volunteers").to_python(skip_empty_area=False)
    header = next(n for n, r in enumerate(rows) if any(str(c).strip() == "Email" for c in r))
    column = [str(c).strip() for c in rows[header]].index("Email")
    bad = 0
    for values in rows[header + 1:]:
        try:
            validate_email(str(values[column]), check_deliverability=False)
        except EmailNotValidError:
            bad += 1
    return {"seconds": time.perf_counter() - start, "rows": len(rows) - header - 1, "bad": bad,
            "mb": peak_mb()}


def child_check_wessex(path: str) -> dict[str, float]:
    """What ``wessex check`` does: read, validate, cross-check every row."""
    from wessex_cli.check import check_file
    from wessex_cli.scheme import Scheme

    start = time.perf_counter()
    report = check_file(Path(path), Scheme())
    return {"seconds": time.perf_counter() - start, "problems": len(report.problems),
            "mb": peak_mb()}


def child_pair_reference(path: str) -> dict[str, float]:
    """Fastest reader, numpy score matrix, scipy's assignment, openpyxl write-only."""
    import numpy as np
    import openpyxl
    from python_calamine import CalamineWorkbook
    from scipy.optimize import linear_sum_assignment

    start = time.perf_counter()
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name("Volunteers").to_python(skip_empty_area=False)[1:]
    half = len(rows) // 2
    left, right = rows[:half], rows[half:]

    def codes(values: list[str]) -> np.ndarray:
        lookup: dict[str, int] = {}
        return np.array([lookup.setdefault(v, len(lookup)) for v in values])

    cluster_l, cluster_r = codes([r[6] for r in left]), codes([r[6] for r in right])
    org_r = [r[4] for r in right]
    reg_l = np.array([hash(r[7]) for r in left])
    org_r_h = np.array([hash(o) for o in org_r])
    score = (cluster_l[:, None] == cluster_r[None, :]).astype(np.int64)
    index_r = {r[0]: j for j, r in enumerate(right)}
    for i, row in enumerate(left):
        for k, weight in zip((10, 11, 12), (6, 4, 2), strict=True):
            j = index_r.get(row[k])
            if j is not None:
                score[i, j] += weight
    eligible = reg_l[:, None] != org_r_h[None, :]
    weight = np.where(eligible, 1000 + score, 0)
    r_idx, c_idx = linear_sum_assignment(weight, maximize=True)
    OUT.mkdir(exist_ok=True)
    book_out = openpyxl.Workbook(write_only=True)
    sheet = book_out.create_sheet("Pairs")
    sheet.append(["A name", "A email", "B name", "B email", "Score"])
    for i, j in zip(r_idx, c_idx, strict=True):
        sheet.append([left[i][0], left[i][1], right[j][0], right[j][1], int(score[i, j])])
    book_out.save(OUT / "reference.xlsx")
    return {"seconds": time.perf_counter() - start, "pairs": len(r_idx), "mb": peak_mb()}


def child_pair_wessex(path: str) -> dict[str, float]:
    """What ``wessex pair`` runs: read and check, pair, write the pairs workbook."""
    from wessex_cli.pairing_run import PairingRequest, run_pairing
    from wessex_cli.scheme import Scheme

    OUT.mkdir(exist_ok=True)
    (OUT / "wessex.xlsx").unlink(missing_ok=True)  # a new workbook, as the reference writes
    start = time.perf_counter()
    run = run_pairing(PairingRequest(Path(path), Scheme(), output=OUT / "wessex.xlsx"))
    return {"seconds": time.perf_counter() - start, "pairs": len(run.result.pairs),
            "mb": peak_mb()}


def _render_setup(count: int) -> tuple[object, list[object], object]:
    from wessex_cli.documents import load_template, recipients
    from wessex_cli.model import PairRecord, Person
    from wessex_cli.scheme import Scheme

    scheme = Scheme()
    template = load_template("partner-introduction", scheme)
    pairs = [PairRecord(f"P{i}", Person(f"Dr Person {i}", f"a{i}@example.org", "01632 960000",
                                        "GP", "primary", "Practice"),
                        Person(f"Person {i}", f"b{i}@example.org", "", "Consultant",
                               "secondary", "Hospital")) for i in range(count // 2)]
    return scheme, recipients(template, scheme, pairs=pairs), template


def child_render_reference(count: str) -> dict[str, float]:
    import jinja2

    scheme, people, template = _render_setup(int(count))
    start = time.perf_counter()
    from wessex_cli.documents import _longdate, _visit_sentences, in_sentence

    # the template's own filters, as wessex's sandbox has them: without them the reference
    # cannot render it (it failed once the introduction took visit_sentences)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters.update(longdate=_longdate, in_sentence=in_sentence,
                       visit_sentences=_visit_sentences)
    compiled = env.from_string(template.body)  # type: ignore[attr-defined]
    folder = OUT / "render-reference"
    folder.mkdir(parents=True)
    for index, person in enumerate(people):
        text = compiled.render(**person.context)  # type: ignore[attr-defined]
        (folder / f"{index}.md").write_text(text)
    return {"seconds": time.perf_counter() - start, "files": len(people), "mb": peak_mb()}


def child_render_wessex(count: str) -> dict[str, float]:
    from wessex_cli.documents import output_paths, render_all
    from wessex_cli.safe_write import write_batch

    scheme, people, template = _render_setup(int(count))
    start = time.perf_counter()
    paths = output_paths(template, people, "md", OUT / "render-wessex")  # type: ignore[arg-type]
    rendered = render_all(template, people, "md", scheme,  # type: ignore[arg-type]
                          allow_placeholders=True)  # Scheme() has no administrator
    write_batch([(path, data) for path, (_, data) in zip(paths, rendered, strict=True)])
    return {"seconds": time.perf_counter() - start, "files": len(paths), "mb": peak_mb()}


def make_pairs_workbook(pairs: int) -> Path:
    path = DATA / f"pairs-{pairs}.xlsx"
    if not path.exists():
        roster = make_roster(DATA / f"roster-{2 * pairs}.xlsx", 2 * pairs)
        subprocess.run([sys.executable, "-m", "wessex_cli", "pair", str(roster), "-o",
                        str(path), "--dry-run"], check=False, capture_output=True)
        subprocess.run([sys.executable, "-m", "wessex_cli", "pair", str(roster), "-o",
                        str(path)], check=True, capture_output=True)
    return path


def child_status_raw(path: str) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name("Pairs").to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "mb": peak_mb()}


def child_status_inspected(path: str) -> dict[str, float]:
    """A raw read after the safety inspection every wessex read makes first (the sheet's
    XML streamed through a hardened parser for its furthest cell): the floor for any
    command that reads a workbook it did not write itself."""
    from python_calamine import CalamineWorkbook

    from wessex_cli.inspection import inspect_input

    start = time.perf_counter()
    inspect_input(Path(path))
    with CalamineWorkbook.from_path(path) as book:
        rows = book.get_sheet_by_name("Pairs").to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "mb": peak_mb()}


def child_status_records(path: str) -> dict[str, float]:
    """The pairs workbook read into records, as every tracking command starts."""
    from wessex_cli.pairs_workbook import read_pairs_workbook

    start = time.perf_counter()
    tracked = read_pairs_workbook(Path(path), side_sheets=False).pairs
    return {"seconds": time.perf_counter() - start, "rows": len(tracked), "mb": peak_mb()}


def _status_command(path: str, *options: str) -> dict[str, float]:
    """``wessex status PATH`` as a user runs it: the command line, the read of the whole
    pairs workbook, the output (to /dev/null, as to a file: the width of no terminal)."""
    import contextlib

    from wessex_cli.cli import app

    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        try:
            app(["status", path, *options], prog_name="wessex")
        except SystemExit as exit:
            if exit.code:
                raise
    return {"seconds": time.perf_counter() - start, "mb": peak_mb()}


def child_status_json(path: str) -> dict[str, float]:
    return _status_command(path, "--json")


def child_status_table(path: str) -> dict[str, float]:
    return _status_command(path)


# ------------------------------------------------------------ the parent

REPEAT = 5  # fresh processes of each side per case; ``--repeat N`` changes it


def child_environment() -> dict[str, str]:
    """The environment of every measured process: as a user's, with Python's bytecode cache
    on. (PYTHONDONTWRITEBYTECODE, set on some machines, would make every run compile
    wessex's modules from source while the reference's libraries, installed with their
    bytecode, would not: a cost no installed copy of wessex pays.)"""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def run_child(name: str, argument: str) -> dict[str, float]:
    for stale in ("render-reference", "render-wessex"):  # outside the timed region
        shutil.rmtree(OUT / stale, ignore_errors=True)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "_child", name, argument],
                          capture_output=True, text=True, check=True, env=child_environment())
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    # Whole-process wall time: imports and start-up count, as they do for a user.
    result["seconds"] = time.perf_counter() - began
    return result


@dataclass
class Measured:
    """One side of a case: every run's wall time and peak memory."""

    seconds: list[float]
    mb: list[float]

    @staticmethod
    def middle(values: list[float]) -> float:
        return statistics.median(values)

    def time(self) -> str:
        low, high = min(self.seconds), max(self.seconds)
        return f"{self.middle(self.seconds):.2f} s ({low:.2f}–{high:.2f})"

    def memory(self) -> str:
        return f"{self.middle(self.mb):.0f} MB" if self.mb else "-"


def compare(ours: str, reference: str, argument: str) -> tuple[Measured, Measured]:
    """Fresh processes of both, alternating (ours, reference, ours, ...), so that load from
    other work on the machine falls on both alike: ``REPEAT`` runs of each."""
    mine, theirs = Measured([], []), Measured([], [])
    for _ in range(REPEAT):
        for side, name in ((mine, ours), (theirs, reference)):
            result = run_child(name, argument)
            side.seconds.append(result["seconds"])
            side.mb.append(result["mb"])
    return mine, theirs


def row(title: str, measured: tuple[Measured, Measured]) -> str:
    """A table row: medians with the range over the runs, and the ratios of the medians
    (with the range of the run-by-run ratios, each run of ours against the reference run
    beside it)."""
    ours, reference = measured
    ratio = ours.middle(ours.seconds) / reference.middle(reference.seconds)
    paired = [a / b for a, b in zip(ours.seconds, reference.seconds, strict=True)]
    text = (f"| {title} | {ours.time()} | {reference.time()} | {ratio:.2f}x "
            f"({min(paired):.2f}–{max(paired):.2f}) |")
    if ours.mb and reference.mb:
        memory = ours.middle(ours.mb) / reference.middle(reference.mb)
        return text + f" {ours.memory()} | {reference.memory()} | {memory:.2f}x |"
    return text + " - | - | - |"


HEADER = ("| case | wessex, median (range) | reference, median (range) | time ratio (range) | "
          "wessex peak | reference peak | memory ratio |\n|---|---|---|---|---|---|---|")


def bench_read() -> list[str]:
    lines = []
    # 60,000 rows by 15 columns is the largest roster of this shape that the input limits
    # accept (a million cells; inspection.LIMITS): 100,000 rows is refused before reading.
    for rows in (10_000, 60_000):
        path = make_roster(DATA / f"roster-{rows}.xlsx", rows)
        lines.append(row(f"read {rows:,} rows (vs raw calamine)",
                         compare("read_wessex", "read_raw", str(path))))
    return lines


def bench_pair() -> list[str]:
    lines = []
    for people in (200, 2_000, 10_000):
        path = make_roster(DATA / f"roster-{people}.xlsx", people)
        lines.append(row(f"pair {people:,} volunteers (vs calamine+numpy+scipy+openpyxl)",
                         compare("pair_wessex", "pair_reference", str(path))))
    path = make_roster(DATA / "roster-10000-dense.xlsx", 10_000, named=0.7, topic=0.3)
    lines.append(row("pair 10,000 volunteers, every preference filled (same reference)",
                     compare("pair_wessex", "pair_reference", str(path))))
    return lines


def bench_check() -> list[str]:
    path = make_roster(DATA / "roster-10000.xlsx", 10_000)
    return [row("check 10,000 rows (vs calamine + header + email-validator per e-mail)",
                compare("check_wessex", "check_reference", str(path)))]


HELP = "import sys; sys.argv = ['wessex', '--help']; from wessex_cli.cli import main; main()"


def time_command(command: list[str]) -> float:
    """The wall time of a whole command, as the shell would run it."""
    began = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=child_environment())
    return time.perf_counter() - began


def bench_help() -> list[str]:
    """What the console script runs, beside a bare ``import typer``; interleaved, so that
    load on the machine falls on both alike (three times ``REPEAT`` runs of each: they are
    short)."""
    mine, theirs = Measured([], []), Measured([], [])
    for _ in range(3 * REPEAT):
        mine.seconds.append(time_command([sys.executable, "-c", HELP]))
        theirs.seconds.append(time_command([sys.executable, "-c", "import typer"]))
    return [row("wessex --help (vs python -c 'import typer')", (mine, theirs))]


def bench_render() -> list[str]:
    return [row("render 10,000 partner introductions (vs bare Jinja + write)",
                compare("render_wessex", "render_reference", "10000"))]


def bench_status() -> list[str]:
    path = make_pairs_workbook(5_000)
    return [row("status --json on 5,000 pairs (vs raw calamine read)",
                compare("status_json", "status_raw", str(path))),
            row("status, the table, on 5,000 pairs (vs raw calamine read)",
                compare("status_table", "status_raw", str(path))),
            row("5,000 pairs read into records (vs raw calamine read)",
                compare("status_records", "status_raw", str(path))),
            row("inspected read of 5,000 pairs (vs raw calamine read)",
                compare("status_inspected", "status_raw", str(path)))]


BENCHES = {"help": bench_help, "read": bench_read, "check": bench_check, "pair": bench_pair,
           "render": bench_render, "status": bench_status}


def main(argv: list[str]) -> None:
    global REPEAT
    if argv and argv[0] == "_child":
        result = globals()[f"child_{argv[1]}"](argv[2])
        sys.stdout.write(json.dumps(result) + "\n")
        return
    if argv[:1] == ["--repeat"]:
        REPEAT, argv = int(argv[1]), argv[2:]
    chosen = argv or list(BENCHES)
    # One untimed run first, so that the bytecode cache is written before anything is timed.
    subprocess.run([sys.executable, "-c", "import wessex_cli.cli, wessex_cli.check, "
                    "wessex_cli.pairing, wessex_cli.pairs_workbook, wessex_cli.solver, "
                    "wessex_cli.scoring, wessex_cli.documents, wessex_cli.tracking"],
                   check=True, env=child_environment())
    sys.stdout.write(HEADER + "\n")
    for name in chosen:
        for line in BENCHES[name]():
            sys.stdout.write(line + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
