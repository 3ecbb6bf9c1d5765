"""A CSV file that Excel for Mac saved as "CSV (Macintosh)" is written in Mac Roman, not
UTF-8 or Windows text. wessex read every file that was not UTF-8 as Windows text (cp1252),
so a volunteer "Zoë Hale" became "Zo‘ Hale" and "José" became "JosŽ", names that then
matched no one. Such a file is now told from Windows text by what its text holds, and a
Windows file reads as before.

Every person here is invented; the expected names are written by hand.
"""

from __future__ import annotations

from pathlib import Path

from wessex_cli.roster import read_roster
from wessex_cli.spreadsheet import read_grid


def _saved(path: Path, rows: list[str], encoding: str, end: str) -> Path:
    path.write_bytes((end.join(rows) + end).encode(encoding))
    return path


def _names(path: Path) -> list[str]:
    return [str(row[0]) for row in read_grid(path).rows[1:]]


def _warning(path: Path) -> str:
    ((_, message),) = read_grid(path).warnings  # (cell, message): the file's, no cell's
    return message


def test_a_mac_csv_keeps_its_accents(tmp_path: Path) -> None:
    # as Excel for Mac writes it: Mac Roman, each line ended by a carriage return alone
    one = _saved(tmp_path / "one.csv", ["Name,Email,Profession",
                                         "Zoë Hale,zoe@example.org,GP"], "mac_roman", "\r")
    assert _names(one) == ["Zoë Hale"]
    assert "Mac Roman" in _warning(one) and "CSV UTF-8" in _warning(one)
    assert read_roster(one).volunteers[0].name == "Zoë Hale"
    many = _saved(tmp_path / "many.csv", [
        "Name,Email,Profession", "José Núñez,jose@example.org,GP",
        "Élodie Brontë,elodie@example.org,Consultant", "Seán O’Neill,sean@nhs.net,GP",
        "Jürgen Ström,jurgen@example.org,Nurse"], "mac_roman", "\r")
    assert _names(many) == ["José Núñez", "Élodie Brontë", "Seán O’Neill", "Jürgen Ström"]


def test_a_letter_windows_text_has_no_byte_for_is_mac(tmp_path: Path) -> None:
    # "ç" is a byte Windows text leaves unassigned: no Windows file holds it
    path = _saved(tmp_path / "v.csv", ["Name,Email,Profession",
                                       "Ann François,ann@example.org,GP"], "mac_roman", "\n")
    assert _names(path) == ["Ann François"]


def test_a_windows_csv_reads_as_before(tmp_path: Path) -> None:
    rows = ["Name,Email,Profession,Comment", "Zoë Hale,zoe@example.org,GP,don’t know",
            "José Núñez,jose@example.org,GP,“Great” visit… café\u00a0too",
            "Seán O’Neill,sean@nhs.net,GP,co\u00adoperation – 50°C and £5"]
    path = _saved(tmp_path / "v.csv", rows, "cp1252", "\r\n")
    grid = read_grid(path)
    assert [list(row) for row in grid.rows] == [row.split(",", 3) for row in rows]
    assert "Windows text (cp1252)" in _warning(path)
    # an apostrophe alone, where both readings are as likely: Windows text, as before
    alone = _saved(tmp_path / "alone.csv", ["Name,Email,Profession",
                                             "Ben O’Brien,ben@example.org,GP"], "cp1252", "\r\n")
    assert _names(alone) == ["Ben O’Brien"]
    assert "cp1252" in _warning(alone)
