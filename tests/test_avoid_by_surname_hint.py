"""An Avoid, Partner or preference entry that is only a surname or a first name, with or
without a title ("Penrose", "Dr Reed"): 'check' said it named nobody and offered nothing,
though one volunteer has that surname. It still names nobody (the entry may mean someone
outside the list, and an Avoid is never guessed), but 'check' now asks whether it means
the volunteer it could be."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_SCHEME, Runner, person, write_book


def test_a_surname_alone_is_an_error_that_names_whom_it_may_mean(run: Runner,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(COMPLETE_SCHEME)
    write_book(tmp_path / "v.xlsx", [
        person("Alys Penrose", "alys.penrose@nhs.net", "GP", Organisation="Quayside Surgery"),
        person("Dr Tom Reed", "tom.reed@nhs.net", "GP", Organisation="Vale Surgery"),
        person("Priya Lund", "priya.lund@example.org", "Consultant",
               Organisation="County Hospital", Avoid="Penrose",
               **{"Preference 1": "Dr Reed"}),
        person("Owen Hart", "owen.hart@example.org", "Consultant",
               Organisation="County Hospital", Partner="Dr Reed"),
    ])
    checked = " ".join(run("check", "v.xlsx", code=None).stdout.split())
    assert "Volunteers!M4 │ 'Penrose' names nobody in the list. Did you mean 'Alys " \
        "Penrose'? Use a volunteer's name" in checked
    assert "'Dr Reed' names nobody in the list. Did you mean 'Dr Tom Reed'?" in checked
    assert "preference 'Dr Reed' matches no volunteer, specialty or organisation in the " \
        "list, so it cannot be honoured. Did you mean 'Dr Tom Reed'?" in checked
    assert "2 errors" in checked
