"""'render --new' after a re-pairing: a kept pair's letter already in the folder is said
to be a kept pair's, even when the visit it was for has since been done."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner, person, write_book
from .test_record import paired, people  # noqa: F401 - paired: the four GPs' pairs, a fixture


def test_a_kept_pairs_patient_notice_is_not_taken_for_someone_gone(
        run: Runner, paired: Path, tmp_path: Path) -> None:  # noqa: F811
    # a notice for each GP's visit day: four files
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "-o", "d", "--format", "txt",
        "--allow-placeholders")
    before = {p.name for p in (tmp_path / "d" / "patient-notice").iterdir()}
    assert len(before) == 4
    gp0 = next(name for name in before if name.startswith("gp-0-"))
    gp1 = next(name for name in before if name.startswith("gp-1-"))
    run("visit", "pairs.xlsx", "Dr GP 1", "--hosted", "2027-05-04")  # GP 1's notice was used
    run("withdraw", "pairs.xlsx", "gp0@example.org")
    write_book(tmp_path / "v.xlsx", [*people(), person("Dr GP 9", "gp9@example.org", "GP",
                                                        Organisation="Practice 9")])
    run("pair", "v.xlsx", "--keep", "pairs.xlsx")
    said = " ".join(run("render", "patient-notice", "--pairs", "pairs.xlsx", "--new", "-o",
                        "d", "--format", "txt", "--allow-placeholders").output.split())
    # the new pair's notice; GP 1's, GP 2's and GP 3's are kept pairs' (GP 1's visit done);
    # only GP 0's, who withdrew, is one the render could not account for
    assert "the folder's 3 other files, for the pairs kept from before, were left as they " \
        "were." in said
    assert (f"also holds 1 earlier file that this render did not write ({gp0}): perhaps for "
            "someone since withdrawn or re-paired. Check or delete it before sending the "
            "folder.") in said
    assert gp1 not in said
