"""The notice for patients said that a visitor was bound by their regulator's code "just like
the staff who usually look after you": in a practice nurse's clinic, of a consultant bound by
the General Medical Council's guidance, and of a hospital pharmacist bound by the General
Pharmaceutical Council's standards, which bind neither the nurse nor the GPs a patient sees.
What the staff here and the visitor truly share is confidentiality, which the notice now says."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import EXAMPLES, Runner


def _notices(run: Runner, folder: Path) -> dict[str, str]:
    shutil.copy(EXAMPLES / "scheme.toml", folder / "scheme.toml")
    shutil.copy(EXAMPLES / "pairs.xlsx", folder / "pairs.xlsx")
    run("render", "patient-notice", "--pairs", "pairs.xlsx", "--format", "txt")
    return {path.stem: " ".join(path.read_text(encoding="utf-8").split())
            for path in (folder / "documents" / "patient-notice").glob("*.txt")}


def test_the_notice_claims_no_code_for_the_staff_here(run: Runner, tmp_path: Path) -> None:
    notices = _notices(run, tmp_path)
    nurse = notices["rosa-oyelaran-hosts-aled-wendover"]
    assert "Dr Wendover is a qualified professional bound by the General Medical Council's " \
        "guidance on good medical practice and, just like the staff here, keeps everything " \
        "you say confidential. You do not have to agree" in nurse
    pharmacist = notices["idris-hollis-hosts-bram-almond"]
    assert "Bram Almond is a qualified professional bound by the General Pharmaceutical " \
        "Council's standards and, just like the staff here, keeps everything you say " \
        "confidential." in pharmacist
    for text in notices.values():
        assert "usually look after you" not in text
        assert text.count("confidential") == 1
