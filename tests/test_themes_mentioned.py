"""Under "Common themes" the delegate pack and the board report listed every theme, those no
response mentions too: "Mutual respect: mentioned in 0 of 3 responses" told delegates that
nobody's theme was a common one. Only the themes some response mentions are listed now, and
with none the heading goes too."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from .conftest import EXAMPLES, Runner

QUESTION = "Did anything surprise or shock you during the visit?"


def _responses(folder: Path, answers: list[str]) -> None:
    with (folder / "responses.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Profession", QUESTION])
        writer.writerows(["GP", answer] for answer in answers)


def test_a_theme_nobody_mentions_is_not_listed(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    # workload twice ("busy", "pressure"), referrals once ("referral"), nothing else
    _responses(tmp_path, ["How busy the clinic was", "The pressure on beds",
                          "A referral can be a single line"])
    run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.md")
    pack = (tmp_path / "pack.md").read_text(encoding="utf-8")
    assert pack.endswith("## Common themes\n\n- Workload: mentioned in 2 of 3 responses\n"
                         "- Referrals: mentioned in 1 of 3 responses\n")
    run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", "pack.html")
    page = (tmp_path / "pack.html").read_text(encoding="utf-8")
    run("report", "pairs.xlsx", "--feedback", "responses.csv", "-o", "report.html")
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    for text in (pack, page, report):
        for unmentioned in ("Communication", "IT and systems", "Mutual respect"):
            assert unmentioned not in text
    assert "<tr><th>Workload</th><td>mentioned in 2 of 3 responses</td></tr>" in page
    assert "<tr><td>Workload</td><td class=\"n\">2</td></tr>" in report


def test_with_no_theme_mentioned_there_is_no_heading(run: Runner, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scheme.toml", tmp_path / "scheme.toml")
    shutil.copy(EXAMPLES / "pairs.xlsx", tmp_path / "pairs.xlsx")
    _responses(tmp_path, ["The coffee was good", "Lovely gardens", "Quiet wards"])
    for output in ("pack.md", "pack.html"):
        run("feedback", "responses.csv", "--pairs", "pairs.xlsx", "-o", output)
        assert "Common themes" not in (tmp_path / output).read_text(encoding="utf-8")
