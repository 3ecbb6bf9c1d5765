"""A name typed all in capitals or all in small letters ("ALYS PENROSE", "dr zoe marsh", as a
form or a hurried administrator writes them): the letters greeted "Dear ALYS," and "Dear
zoe,", and asked patients to see "Dr marsh". The letters print such a name as names are
written; a name that mixes the two ("Amelia ASHWORTH") is the person's own way and stays."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, patient_notice, person, write_book


def test_a_name_in_capitals_or_small_letters_is_printed_as_names_are(run: Runner,
                                                                     tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("ALYS PENROSE", "alys.penrose@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("dr zoe marsh", "zoe.marsh@nhs.net", "GP", Organisation="Lea Surgery"),
        person("DR SEAN O'BRIEN-MCKAY", "sean.obrien@example.org", "Consultant",
               Organisation="County Hospital", **{"Preference 1": "Alys Penrose"}),
        person("Amelia ASHWORTH", "amelia.ashworth@example.org", "Consultant",
               Organisation="County Hospital"),
    ])
    run("pair", "v.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "txt")
    folder = tmp_path / "documents" / "partner-introduction"
    letters = {path.stem: path.read_text() for path in folder.iterdir()}
    assert letters["alys-penrose"].startswith("Dear Alys,\n")
    assert letters["zoe-marsh"].startswith("Dear Zoe,\n")
    assert letters["sean-o-brien-mckay"].startswith("Dear Sean,\n")
    assert "- Alys Penrose, GP, Quayside Surgery" in letters["sean-o-brien-mckay"]
    assert "in touch with Alys directly" in letters["sean-o-brien-mckay"]
    assert "- Dr Sean O'Brien-McKay, Consultant, County Hospital" in letters["alys-penrose"]
    assert "- Dr Zoe Marsh, GP, Lea Surgery" in letters["amelia-ashworth"]
    assert "- Amelia ASHWORTH, Consultant, County Hospital" in letters["zoe-marsh"]
    notice = patient_notice(run, tmp_path, "zoe-marsh-hosts-amelia-ashworth")
    assert "Today, Dr Zoe Marsh (GP) is welcoming" in notice
    assert "just tell the receptionist or Dr Marsh:" in notice
