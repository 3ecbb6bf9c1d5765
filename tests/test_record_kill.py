"""Killing ``wessex visit``, ``wessex withdraw`` and ``wessex pair --keep`` at random
moments (SIGKILL: no clean-up runs) never leaves a workbook that does not open, and never
loses a visit that a finished command reported. A few rounds run with the suite;
``benchmarks/kill_record.py`` runs hundreds (``WESSEX_KILL_ROUNDS``)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from .conftest import Runner, person, write_book

ROUNDS = int(os.environ.get("WESSEX_KILL_ROUNDS", "4"))


def roster() -> list[dict[str, object]]:
    gps = [person(f"Dr GP {i}", f"gp{i}@example.org", "GP", Organisation=f"Practice {i}")
           for i in range(12)]
    return gps + [person(f"Consultant {i}", f"c{i}@example.org", "Consultant",
                         Organisation="Hospital") for i in range(12)]


def recorded_visits(path: Path) -> dict[str, dt.date]:
    """host e-mail -> date of every visit marked done, in the Pairs and Withdrawn sheets."""
    book = openpyxl.load_workbook(path)  # must always open
    found: dict[str, dt.date] = {}
    for name in ("Pairs", "Withdrawn"):
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        col = {c.value: c.column for c in sheet[1] if c.value}
        for r in range(2, sheet.max_row + 1):
            for host, other in (("A", "B"), ("B", "A")):
                email = sheet.cell(r, col[f"{host} email"]).value
                done = sheet.cell(r, col[f"{host} hosts {other}: done"]).value
                date = sheet.cell(r, col[f"{host} hosts {other}: date"]).value
                if done == "yes" and isinstance(date, dt.datetime):
                    found[str(email)] = date.date()
    return found


def wessex(folder: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, WESSEX_TODAY="2027-06-20", NO_COLOR="1")
    return subprocess.Popen([sys.executable, "-m", "wessex_cli", *args], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_visits_and_withdrawals_never_lose_a_recorded_visit(
        run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WESSEX_TODAY", "2027-06-20")
    write_book(tmp_path / "v.xlsx", roster())
    (tmp_path / "scheme.toml").write_text("[dates]\nstart = 2027-04-19\nend = 2027-07-19\n")
    run("pair", "v.xlsx")
    pairs = tmp_path / "pairs.xlsx"
    rng = random.Random(int(os.environ.get("WESSEX_KILL_SEED", "10")))
    hosts = [f"gp{i}@example.org" for i in range(12)] + [f"c{i}@example.org" for i in range(12)]
    promised: dict[str, dt.date] = {}  # visits a command finished recording (exit 0)
    withdrawn: set[str] = set()
    start = time.monotonic()
    whole = wessex(tmp_path, "visit", "pairs.xlsx", "gp11@example.org", "--hosted", "1/5/2027")
    assert whole.wait(60) == 0
    promised["gp11@example.org"] = dt.date(2027, 5, 1)
    span = time.monotonic() - start  # how long one command takes here, start-up included
    for _ in range(ROUNDS):
        free = [h for h in hosts if h not in promised and h not in withdrawn]
        if not free:
            break
        host = rng.choice(free)
        dice = rng.random()
        if dice < 0.15:
            process = wessex(tmp_path, "pair", "v.xlsx", "--keep", "pairs.xlsx")
        elif dice < 0.4:
            process = wessex(tmp_path, "withdraw", "pairs.xlsx", host, "--reason", "test")
        else:
            day = dt.date(2027, 5, 1) + dt.timedelta(days=hosts.index(host))
            process = wessex(tmp_path, "visit", "pairs.xlsx", host, "--hosted",
                             day.isoformat())
        time.sleep(rng.uniform(0.3, 1.1) * span)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        code = process.wait(60)
        if code == 0 and "withdraw" in process.args:  # type: ignore[operator]
            withdrawn.add(host)
        elif code == 0 and "visit" in process.args:  # type: ignore[operator]
            promised[host] = day
        found = recorded_visits(pairs)
        for email, date in promised.items():
            assert found.get(email) == date, (email, date, code)
    assert promised  # at least the first visit, so the check above had work to do
    (tmp_path / ".pairs-abcd_123.xlsx").write_bytes(b"half")  # as a kill mid-save leaves
    (tmp_path / ".pairs-1-abcdefgh.xlsx").write_bytes(b"another workbook's")
    last = wessex(tmp_path, "visit", "pairs.xlsx", "gp11@example.org", "--hosted", "1/5/2027")
    assert last.wait(60) == 0
    assert [p.name for p in tmp_path.glob(".pairs-*")] == [".pairs-1-abcdefgh.xlsx"]
    assert not list((tmp_path / "backups").glob(".*.partial"))
