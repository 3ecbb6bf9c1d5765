"""Names far longer than any real one (a cell pasted into by mistake, a scheme name without
spaces): every line of an .eml draft stays within RFC 5322's 998 characters, the subject
decodes to the text as given, and a display name is cut short rather than overflow."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from ..conftest import COMPLETE_SCHEME, Runner

LONG_ASCII = "Ann" + "x" * 1500
LONG_ACCENTED = "Siân " + "é" * 1200 + " Ó Briain"
SCHEME_NAME = "Test" + "-exchange" * 200  # one word of 1,804 characters


def test_overlong_names_keep_every_header_line_within_bounds(run: Runner,
                                                             tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text(
        COMPLETE_SCHEME.replace('name = "Test exchange"', f'name = "{SCHEME_NAME}"'),
        encoding="utf-8")
    (tmp_path / "v.csv").write_text(
        "Name,Email,Profession,Organisation\n"
        f"{LONG_ASCII},ann@example.org,GP,Harbour Surgery\n"
        f"{LONG_ACCENTED},sian@example.org,GP,Elm Surgery\n"
        "Ben Sample,ben@example.org,Consultant,General Hospital\n"
        "Cat Sample,cat@example.org,Consultant,General Hospital - Eyes\n", encoding="utf-8")
    run("pair", "v.csv", "-o", "pairs.xlsx")
    run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", "eml",
        "--allow-placeholders")
    drafts = sorted((tmp_path / "documents" / "partner-introduction").glob("*.eml"))
    assert len(drafts) == 4
    to = {}
    for path in drafts:
        data = path.read_bytes()
        assert max(len(line) for line in data.split(b"\n")) <= 998, path.name
        message = email.message_from_bytes(data, policy=policy.default)
        assert SCHEME_NAME in str(message["Subject"])
        address = message["To"].addresses[0]
        to[address.addr_spec] = address.display_name
    assert to["ben@example.org"] == "Ben Sample"
    # the long names: their first 119 characters, then an ellipsis
    assert to["ann@example.org"] == LONG_ASCII[:119] + "…"
    assert to["sian@example.org"] == LONG_ACCENTED[:119] + "…"

