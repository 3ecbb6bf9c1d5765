"""Adjustments typed on lines of their own in one cell (Alt+Enter in Excel), as lists are:
the letters ran them together, "allow for them: Step-free access Hearing loop", one need
read as another's words. Each line is kept apart: "Step-free access; Hearing loop"."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book

HEADERS = ["Name", "Email", "Profession", "Organisation", "Adjustments"]


def test_adjustments_on_separate_lines_stay_apart_in_the_letters(run: Runner,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    write_book(tmp_path / "v.xlsx", [
        person("Dr Amy Lee", "amy.lee@example.org", "GP", Organisation="Oak Surgery",
               Adjustments="Step-free access\nHearing loop"),
        person("Dr Bo Ng", "bo.ng@example.org", "Consultant", Organisation="General Hospital",
               Adjustments="Wheelchair user:\n- level access\n- accessible toilet.")],
        headers=HEADERS)
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    to_amy, to_bo = (" ".join((folder / f"{name}.txt").read_text(encoding="utf-8").split())
                     for name in ("amy-lee", "bo-ng"))
    assert "allow for them: Step-free access; Hearing loop" in to_bo
    assert "the adjustments you asked for (Step-free access; Hearing loop)" in to_amy
    assert "allow for them: Wheelchair user: level access; accessible toilet." in to_amy
    assert "the adjustments you asked for (Wheelchair user: level access; accessible " \
        "toilet.)" in to_bo
