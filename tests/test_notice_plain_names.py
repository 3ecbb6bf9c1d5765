"""The notice for patients named the visitor with the letters after their name and then
their profession in brackets: "Dr Ann Bell BM BCh (Oxon) (GP)". Letters mean nothing to a
patient and two brackets read as a slip: the notice names host and visitor without them."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_the_notice_names_both_without_letters_after_their_names(run: Runner,
                                                                tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Dr Ann Bell BM BCh (Oxon)", "ann.bell@nhs.net", "GP",
               Organisation="Vale Surgery"),
        person("Mr Ben Carr FRCS (Orth)", "ben.carr@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    notices = {path.stem: " ".join(path.read_text(encoding="utf-8").split())
               for path in (tmp_path / "documents" / "patient-notice").glob("*.txt")}
    hosted_by_ann = next(text for stem, text in notices.items() if stem.startswith("ann"))
    assert "Dr Ann Bell (GP) is welcoming a colleague from County Hospital, Mr Ben Carr " \
        "(consultant), to Vale Surgery." in " ".join(hosted_by_ann.replace("*", "").split())
    assert not any("(Oxon)" in text or "(Orth)" in text for text in notices.values())
