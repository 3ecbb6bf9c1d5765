"""Documents: golden gallery, e-mail structure, escaping, strictness, mail merge."""

from __future__ import annotations

import csv
import io
import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import openpyxl
import pytest

from wessex_cli.documents import load_template, recipients, render_all
from wessex_cli.scheme import Scheme

from .conftest import EXAMPLES, Runner, person
from .golden import GALLERY, render_gallery


def test_gallery_matches_golden_files(tmp_path: Path) -> None:
    written = render_gallery(tmp_path / "documents", tmp_path)
    rendered = {p.relative_to(tmp_path / "documents") for p in written}
    golden = {p.relative_to(GALLERY) for p in GALLERY.rglob("*") if p.is_file()}
    assert rendered == golden
    for relative in sorted(rendered):
        assert (tmp_path / "documents" / relative).read_bytes() == \
            (GALLERY / relative).read_bytes(), relative
    documents = {p.parts[0].split(".")[0] for p in rendered}
    # every built-in document; the call to action once for each of two professions shown
    assert len(documents) == 15
    assert {"call-to-action-gp", "call-to-action-practice-nurse"} <= documents


def test_eml_is_an_outlook_draft_with_attachments(run: Runner, tmp_path: Path) -> None:
    run("render", "partner-introduction", "--pairs", str(EXAMPLES / "pairs.xlsx"),
        "--scheme", str(EXAMPLES / "scheme.toml"), "-o", "out")
    files = sorted((tmp_path / "out" / "partner-introduction").glob("*.eml"))
    assert len(files) == 60
    message = BytesParser(policy=policy.default).parsebytes(files[0].read_bytes())
    assert message["X-Unsent"] == "1"
    assert message["From"] == "Robin Fairweather <eastshire.exchange@nhs.net>"
    assert message["Subject"].startswith("Eastshire Learning from Liaison Exchange 2027: meet")
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    names = [part.get_filename() for part in message.iter_attachments()]
    assert "reflection.docx" in names
    primary = [f for f in files if "patient-notice.docx" in
               [p.get_filename() for p in BytesParser(policy=policy.default)
                .parsebytes(f.read_bytes()).iter_attachments()]]
    assert len(primary) == 30  # only people hosting in primary care get the patient notice


def test_docx_reopens(tmp_path: Path) -> None:
    document = docx.Document(str(GALLERY / "patient-notice" / next(
        p.name for p in (GALLERY / "patient-notice").glob("*.docx"))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Information for our patients" in text and "receptionist" in text


HOSTILE = [
    person("=HYPERLINK(\"http://x\")", "formula@example.org", "GP",
           Organisation="+cmd|' /C calc'!A0"),
    person("<script>alert(1)</script> Zoë 😀", "script@example.org", "Consultant",
           Organisation="**bold** [link](http://evil)", Specialty="x" * 5000),
]


def test_hostile_values_are_escaped_everywhere(run: Runner, tmp_path: Path) -> None:
    with (tmp_path / "v.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["Name", "Email", "Profession", "Organisation",
                                         "Specialty"])
        writer.writeheader()
        writer.writerows(HOSTILE)
    run("pair", "v.csv")
    for fmt in ("html", "eml", "md", "txt", "docx"):
        run("render", "partner-introduction", "--pairs", "pairs.xlsx", "--format", fmt, "-o", fmt,
            "--allow-placeholders")
    html = next((tmp_path / "html" / "partner-introduction").glob("*.html")).read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="http://evil"' not in html and "<strong>bold" not in html
    for eml in (tmp_path / "eml" / "partner-introduction").glob("*.eml"):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        assert "\n" not in message["Subject"] and "\n" not in message["To"]
        assert len(message["To"].addresses) == 1
    text = "".join(p.read_text() for p in (tmp_path / "txt").rglob("*.txt"))
    assert "Zoë 😀" in text
    run("mailmerge", "pairs.xlsx", "-o", "merge.csv", "--allow-placeholders")
    rows = list(csv.reader(io.StringIO((tmp_path / "merge.csv").read_text("utf-8-sig"))))
    flat = [cell for row in rows[1:] for cell in row]
    assert all(not cell.lstrip().startswith(("=", "+", "-", "@")) for cell in flat)
    assert "'=HYPERLINK(\"http://x\")" in flat
    book = openpyxl.load_workbook(tmp_path / "pairs.xlsx")
    values = [c.value for row in book["Pairs"].iter_rows() for c in row]
    assert "=HYPERLINK(\"http://x\")" in values  # text as typed, in a string cell (issue 9.6)
    assert any(c.data_type == "f" for row in book["Pairs"].iter_rows() for c in row) is False


def test_header_injection_is_impossible() -> None:
    scheme = Scheme()
    template = load_template("partner-introduction", scheme)
    from wessex_cli.model import PairRecord, Person

    pair_people = [
        Person("Eve\r\nBcc: victim@example.org", "eve@example.org", side="primary",
               profession="GP"),
        Person("Bob", "bob@example.org", side="secondary", profession="GP"),
    ]

    people = recipients(template, scheme, pairs=[PairRecord("P1", *pair_people)])
    (rendered, data), _ = render_all(template, people, "eml", scheme, allow_placeholders=True)
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["Bcc"] is None
    assert message["To"].addresses[0].addr_spec == "eve@example.org"


def test_strict_fields_name_the_template_and_line(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "reflection.md.j2").write_text(
        '+++\ntitle = "Mine"\naudience = "scheme"\nformat = "md"\n+++\nLine one\n'
        "{{ scheme.name }} and {{ scheme.nonexistent_field }}\n")
    result = run("render", "reflection", code=1)
    assert "template 'reflection' line 7" in result.output
    assert "nonexistent_field" in result.output
    assert not (tmp_path / "documents").exists()  # nothing written


def test_user_templates_are_sandboxed(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "evil.md.j2").write_text(
        "{{ scheme.__class__.__init__.__globals__ }}\n")
    result = run("render", "evil", code=1)
    assert "tries to use '__class__', which templates cannot reach" in result.output


def test_a_broken_template_stops_only_the_commands_that_use_it(run: Runner,
                                                                 tmp_path: Path) -> None:
    """A mistake in one of the administrator's templates is reported when that template (or
    the list of them) is used; the other documents still render."""
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "mine.md.j2").write_text('+++\ntitle = "unclosed\n+++\nHi\n')
    assert "Wrote" in run("render", "reflection", "-o", "out", "--allow-placeholders").output
    for command in (("render", "mine"), ("documents",)):
        said = " ".join(run(*command, code=1).output.split())
        assert "the front matter of template 'mine' is not valid TOML" in said


def test_a_template_name_must_match_exactly(run: Runner, tmp_path: Path) -> None:
    said = " ".join(run("render", "Reflection", code=1).output.split())
    assert "there is no document template named 'Reflection'" in said
    assert "Did you mean 'reflection'?" in said


def test_templates_copy_then_override(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')
    run("templates", "copy", "reflection")
    copied = tmp_path / "templates" / "reflection.md.j2"
    copied.write_text(copied.read_text().replace("Reflecting on your exchange", "My own words"))
    run("render", "reflection", "--format", "md", "--allow-placeholders")
    assert "My own words" in (tmp_path / "documents" / "reflection.md").read_text()
    listing = json.loads(run("documents", "--json").stdout)
    mine = next(d for d in listing["documents"] if d["name"] == "reflection")
    assert mine["custom"] is True
    assert "already exists" in run("templates", "copy", "reflection", code=1).output


def test_documents_lists_every_template_with_fields(run: Runner) -> None:
    data = json.loads(run("documents", "--json").stdout)
    by_name = {d["name"]: d for d in data["documents"]}
    assert len(by_name) == 14
    assert by_name["certificate-email"]["audience"] == "pair"
    assert "partner.email" in by_name["partner-introduction"]["fields"]
    assert by_name["patient-notice"]["audience"] == "host-visit"


def test_render_needs_pairs_for_pair_documents(run: Runner) -> None:
    assert "--pairs" in run("render", "partner-introduction", code=1).output
    assert "no document template named 'partner-intro'" in \
        run("render", "partner-intro", code=1).output


def test_a_shortened_document_name_suggests_the_template(run: Runner) -> None:
    """A word of a template's name shortened ("intro", "celeb") suggests the templates it
    begins a word of, two at most; a word beginning many ("e", and "thanks", none) suggests
    nothing."""
    def said(name: str) -> str:
        return " ".join(run("render", name, code=1).output.split())

    assert "Did you mean 'partner-introduction'? Run 'wessex documents'" in said("intro")
    assert "Did you mean 'celebration-invite'?" in said("celeb")
    assert "Did you mean" not in said("thanks") + said("pa")


def test_render_refuses_to_overwrite(run: Runner, tmp_path: Path) -> None:
    run("render", "reflection", "--allow-placeholders")
    assert "--force" in run("render", "reflection", "--allow-placeholders", code=1).output
    run("render", "reflection", "--force", "--allow-placeholders")


def test_mailmerge_from_volunteers_and_pairs(run: Runner, tmp_path: Path) -> None:
    run("mailmerge", str(EXAMPLES / "volunteers.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
        "-o", "v.csv")
    data = (tmp_path / "v.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 60 and all(" " not in h for h in rows[0])
    assert rows[0]["SchemeName"] == "Eastshire Learning from Liaison Exchange 2027"
    run("mailmerge", str(EXAMPLES / "pairs.xlsx"), "--scheme", str(EXAMPLES / "scheme.toml"),
        "-o", "p.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["Merge"]
    header = [c.value for c in sheet[1]]
    assert "PartnerEmail" in header and sheet.max_row == 61


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_call_to_action_follows_the_profession(run: Runner, tmp_path: Path, fmt: str) -> None:
    run("render", "call-to-action", "--profession", "Consultant", "--format", fmt,
        "--allow-placeholders")
    text = (tmp_path / "documents" / f"call-to-action-consultant.{fmt}").read_text()
    assert "CONSULTANT VOLUNTEERS WANTED" in text and "hospital" in text


def test_the_built_in_templates_are_no_ones_own_where_they_are_kept(tmp_path: Path) -> None:
    """Run where the built-in templates are kept (a checkout of wessex), or beside a
    scheme.toml whose templates/ is that folder, every template was listed as '(yours)'."""
    from wessex_cli.documents import builtin_dir

    def customs(run: Runner) -> set[bool]:
        return {d["custom"] for d in json.loads(run("documents", "--json").stdout)["documents"]}

    assert customs(Runner(builtin_dir().parent)) == {False}
    (tmp_path / "scheme.toml").write_text('[scheme]\nname = "Test"\n')
    (tmp_path / "templates").symlink_to(builtin_dir(), target_is_directory=True)
    assert customs(Runner(tmp_path)) == {False}
    listed = Runner(tmp_path)("documents").output
    assert "partner-introduction" in listed and "(yours)" not in listed


def test_no_built_in_template_sets_a_name_the_letter_is_given(tmp_path: Path) -> None:
    """Whether someone has hosted is decided once, as 'hosted' in a pair letter's context;
    a template that set its own 'hosted' (the certificate's sentence did) would make the
    name mean something else below that line. No template assigns a context field."""
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

    from wessex_cli.documents import list_templates, recipients
    from wessex_cli.scheme import load_scheme
    from wessex_cli.sources import load_pairs, load_volunteers

    from .golden import EXAMPLES, tracked_pairs

    scheme = load_scheme(EXAMPLES / "scheme.toml")
    pairs, _ = load_pairs(tracked_pairs(tmp_path))  # P001 done: a certificate to give
    volunteers = load_volunteers(EXAMPLES / "volunteers.xlsx", scheme)
    env = SandboxedEnvironment()
    clashes = []
    for template in list_templates(scheme):
        people = recipients(template, scheme, volunteers=volunteers, pairs=pairs)
        assert people, template.name
        given = set(people[0].context)
        if template.name == "certificate":
            assert "hosted" in given
        targets = [node.target for node in env.parse(template.body).find_all(
            (nodes.Assign, nodes.AssignBlock))]
        assigned = {name.name for target in targets  # a name, or a tuple of names
                    for name in ([target] if isinstance(target, nodes.Name) else
                                 target.find_all(nodes.Name))}
        clashes += [(template.name, name) for name in sorted(assigned & given)]
    assert clashes == []
