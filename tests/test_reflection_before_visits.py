"""A reflection ticked as received by a pair with no visit done is questioned, not refused:
the administrator is told which cell, what looks wrong and what to do, in the same words
whether visit --reflection has just recorded it or status finds it later."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, few_pairs

# Reflection from A is column Y; P002 (Arjun Rasmussen, A, and Noor Kerrigan, B) is on row 3
FINDING = ("Pairs!Y3: Dr Arjun Rasmussen's reflection is recorded as received, but pair P002 "
           "has no half day recorded as done, and a reflection comes after a visit. If the two "
           "have met, record the half day too: 'wessex visit' with the name of whoever hosted "
           "and --hosted DATE. If the reflection is someone else's, clear Pairs!Y3 and record "
           "it for whoever wrote it. Meanwhile it counts as received.")


def test_status_warns_of_a_reflection_ticked_before_any_visit(run: Runner,
                                                              tmp_path: Path) -> None:
    few_pairs(tmp_path / "pairs.xlsx", 2)
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection")
    said = " ".join(run("status", "pairs.xlsx").output.split())  # exit 0: a warning only
    assert f"Warning: {FINDING}" in said
    # once a visit is recorded, the tick is no longer questioned
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "2027-05-04")
    assert "reflection is recorded as received" not in run("status", "pairs.xlsx").output


def test_visit_says_so_when_it_records_a_reflection_before_any_visit(
        run: Runner, tmp_path: Path) -> None:
    """visit --reflection for a pair with no half day done recorded it without a word; only
    the next status questioned it."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    said = " ".join(run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection").output.split())
    assert f"Note: {FINDING}" in said
    run("visit", "pairs.xlsx", "Noor Kerrigan", "--hosted", "2027-05-04")
    after = run("visit", "pairs.xlsx", "Noor Kerrigan", "--reflection").output
    assert "Recorded:" in after and "Note:" not in after


def test_the_note_and_the_warnings_give_one_finding_in_one_wording(run: Runner,
                                                                   tmp_path: Path) -> None:
    """visit --reflection's note ('has no half day recorded as done yet ... record it for
    them') and the warning of status, report and remind ('is ticked as received ... no visit
    recorded as done ... move it to the right person's row') said one thing two ways."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    outputs = {"visit": run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection").output,
               "status": run("status", "pairs.xlsx").output,
               "remind": run("remind", "pairs.xlsx").output,
               "report": run("report", "pairs.xlsx", "-o", "report.html").output}
    for command, output in outputs.items():
        assert FINDING in " ".join(output.split()), command


def test_a_row_without_a_pair_id_is_said_to_be_their_pair() -> None:
    # the Pair cell emptied: "pair " with nothing after it would end mid-sentence
    from wessex_cli.tracking import reflection_before_visits

    said = reflection_before_visits("Pairs!Y3", "Dr Arjun Rasmussen", "")
    assert said.startswith("Pairs!Y3: Dr Arjun Rasmussen's reflection is recorded as "
                           "received, but their pair has no half day recorded as done, ")


def test_on_the_withdrawn_sheet_the_half_day_is_to_be_typed_there(run: Runner,
                                                                  tmp_path: Path) -> None:
    """Arjun's pair withdrawn with his reflection ticked: the report's warning of its row
    said to record the half day with 'wessex visit', which refuses a withdrawn pair and
    says to type it in the pair's row on the Withdrawn sheet (four columns of its own
    first: the reflection is in AC)."""
    few_pairs(tmp_path / "pairs.xlsx", 2)
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME, encoding="utf-8")
    run("visit", "pairs.xlsx", "Arjun Rasmussen", "--reflection")
    run("withdraw", "pairs.xlsx", "Arjun Rasmussen", "--reason", "moved away")
    said = " ".join(run("report", "pairs.xlsx", "-o", "report.html").output.split())
    assert ("Withdrawn!AC2: Dr Arjun Rasmussen's reflection is recorded as received, but "
            "pair P002 has no half day recorded as done, and a reflection comes after a "
            "visit. If the two met before their pair ended, type the half day's date and "
            "'yes' in its row on the Withdrawn sheet. If the reflection is someone else's, "
            "clear Withdrawn!AC2 and record it for whoever wrote it. Meanwhile it counts as "
            "received.") in said
