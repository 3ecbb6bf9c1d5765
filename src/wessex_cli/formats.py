"""One rendered Markdown document into .md, .txt, .html, .docx or .eml bytes.

Markdown is parsed once with markdown-it (raw HTML off), and the token stream drives the
plain-text and Word writers, so that every format shows the same structure. A horizontal
rule (``___`` on its own line) in a form marks a space to write in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .scheme import Scheme
from .text import one_line, strip_controls

if TYPE_CHECKING:
    from .documents import Rendered


BOX = "☐"  # a box to tick: a list item opening with one is a checklist's line


@dataclass
class Inline:
    """A run of text with its emphasis: the unit every writer (text, Word) lays out."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """A heading, paragraph, list item or write-in box, in the order the document shows them."""

    kind: str  # "h1".."h6", "p", "li", "write"
    inlines: list[Inline] = field(default_factory=list)
    number: int | None = None  # ordered list item number


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@dataclass
class _Reading:
    """Where ``blocks`` is in markdown-it's token stream."""

    blocks: list[Block] = field(default_factory=list)
    pending: str | None = None  # the kind of the next inline run: "h2", "li"...
    counters: list[int | None] = field(default_factory=list)  # per open list; None: bullets


def blocks(markdown: str) -> list[Block]:
    """The document's blocks, from markdown-it's tokens: one structure for every output format."""
    reading = _Reading()
    for token in _parser().parse(markdown):
        if not _list_token(reading, token):
            _content_token(reading, token)
    return reading.blocks


def _list_token(reading: _Reading, token: Any) -> bool:
    """Follow lists opening and closing, numbering ordered items; False for other tokens."""
    if token.type == "bullet_list_open":
        reading.counters.append(None)
    elif token.type == "ordered_list_open":
        reading.counters.append(int(token.attrs.get("start", 1) or 1) - 1)
    elif token.type in ("bullet_list_close", "ordered_list_close"):
        reading.counters.pop()
    elif token.type == "list_item_open":
        reading.pending = "li"
        if reading.counters and reading.counters[-1] is not None:
            reading.counters[-1] = (reading.counters[-1] or 0) + 1
    elif token.type == "list_item_close":
        reading.pending = None
    else:
        return False
    return True


def _content_token(reading: _Reading, token: Any) -> None:
    """A heading's start, a rule (a box to write in) or a run of text becomes a block."""
    if token.type == "heading_open":
        reading.pending = token.tag
    elif token.type == "hr":
        reading.blocks.append(Block("write"))
    elif token.type == "inline":
        kind = reading.pending or "p"
        number = reading.counters[-1] if kind == "li" and reading.counters else None
        reading.blocks.append(Block(kind, _inlines(token.children or []), number))
        reading.pending = None  # a second paragraph in the same list item is a paragraph


def _inlines(children: list[Any]) -> list[Inline]:
    bold = italic = False
    found: list[Inline] = []
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            found.append(Inline(child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            found.append(Inline("\n" if child.type == "hardbreak" else " ", bold, italic))
    return found


def to_text(markdown: str) -> str:
    """The document as plain text wrapped at 78 columns, for the .txt format and e-mail bodies."""
    lines: list[str] = []
    previous = ""
    for block in blocks(markdown):
        text = "".join(i.text for i in block.inlines)
        if previous == "li" and block.kind != "li":
            lines.append("")
        previous = block.kind
        if block.kind.startswith("h"):
            underline = "=" if block.kind == "h1" else "-"
            lines += ["", text, underline * min(len(text), 78), ""]
        elif block.kind == "li":
            marker = f"{block.number}. " if block.number is not None else "- "
            lines += textwrap.wrap(text, 78, initial_indent=marker,
                                   subsequent_indent=" " * len(marker)) or [marker]
        elif block.kind == "write":
            lines += ["", "", "", "_" * 60, ""]
        else:
            lines += [*(textwrap.wrap(text, 78) or [""]), ""]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "" and (len(out) < 2 or out[-2] != ""):
            out.append(line)
        elif line != "" or not out or out[-1] != "":
            out.append(line)
    return "\n".join(out).strip() + "\n"


def to_html(markdown: str, title: str) -> str:
    """One document as a web page: markdown-it's HTML inside the page template
    (``templates/pages/document.html.j2``), a form's rules drawn as boxes to write in."""
    from .pages import render_page, trusted

    body = _parser().render(markdown).replace("<hr />", '<div class="write"></div>')
    # a checklist's item has its box, not a bullet too (raw HTML is off: no "<li>" is typed)
    body = re.sub(rf"<li>(\s*<p>)?{BOX}", rf'<li class="box">\1{BOX}', body)
    return render_page("document", title=title, body=trusted(body))


def to_docx(markdown: str, title: str, scheme: Scheme | None = None,
            issued: dt.date | None = None, layout: str = "") -> bytes:
    """A Word document on A4 with UK English proofing, the letterhead from scheme.toml and
    the date of issue; ``layout = "certificate"`` centres everything inside a border, and
    ``layout = "form"`` (a form printed blank, filled in by hand later) prints no date: the
    day it was printed is not the day it is filled in, nor a date anyone asked for."""
    certificate = layout == "certificate"
    document = a4_document(title, scheme)
    _page_top(document, scheme, certificate, None if layout == "form" else issued)
    styles = _Styles(document)
    previous = None
    for block in blocks(markdown):
        if block.kind == "write" and previous is not None:
            # a question stays on the page of the box it is answered in
            previous.paragraph_format.keep_with_next = True
        paragraph = _block_paragraph(document, block, styles)
        previous = paragraph
        if paragraph is None:
            continue
        if certificate:
            _centre_for_certificate(paragraph, block)
        _add_runs(paragraph, block, certificate)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def a4_document(title: str, scheme: Scheme | None = None) -> Any:
    """An empty Word document: its properties (title, the administrator as author, written
    now), UK English proofing, A4 margins, Arial 11."""
    import docx
    from docx.shared import Cm, Pt

    from .dates import now

    document = docx.Document()
    core = document.core_properties
    title = one_line(title)  # Word keeps at most 255 characters of a document's title
    core.title = title if len(title) <= 255 else title[:254] + "…"
    core.author = core.last_modified_by = document_author(scheme)
    core.comments = ""  # python-docx's blank document says "generated by python-docx"
    core.language = "en-GB"
    # this moment; with WESSEX_TODAY pinned, that day's midnight, alike from run to run
    core.created = core.modified = now().replace(tzinfo=None)
    _uk_english(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    return document


def document_author(scheme: Scheme | None) -> str:
    """Who File > Properties says wrote a document: the administrator scheme.toml names,
    else "wessex" (init's example name is no one's)."""
    from .placeholders import DEFAULT_ADMIN

    name = one_line(scheme.administrator.name) if scheme is not None else ""
    if len(name) > 255:  # as for the title: Word keeps 255 characters, python-docx refuses more
        name = name[:254] + "…"
    return name if name and name != DEFAULT_ADMIN.name else "wessex"


def _page_top(document: Any, scheme: Scheme | None, certificate: bool,
              issued: dt.date | None) -> None:
    """The letterhead, then a certificate's border or a letter's date on the right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = document.sections[0]
    if scheme is not None:
        _letterhead(section, scheme)
    if certificate:
        _page_border(section)
    elif issued is not None:
        from .wording import day_month_year

        dated = document.add_paragraph(day_month_year(issued))
        dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT


class _Styles(dict[str, str | None]):
    """A document's paragraph styles by name, each looked up once: to give a paragraph a
    style, python-docx searches the styles part for it and for the default style, every time
    (0.4 s of the example's 60 partner introductions)."""

    def __init__(self, document: Any) -> None:
        """The styles of ``document``, none looked up yet."""
        super().__init__()
        self.document = document

    def __missing__(self, name: str) -> str | None:
        from docx.enum.style import WD_STYLE_TYPE

        found: str | None = self.document.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        self[name] = found
        return found

    def paragraph(self, name: str) -> Any:
        """A new paragraph at the end of the document in the style ``name``, as
        ``add_paragraph(style=name)`` makes it."""
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self[name]  # noqa: SLF001 - what paragraph.style = name sets
        return paragraph


def _block_paragraph(document: Any, block: Block, styles: _Styles) -> Any:
    """The paragraph a block is written into (heading, list item, plain); a write-in block
    is drawn as an empty bordered box instead, and gives None."""
    if block.kind.startswith("h"):  # as add_heading makes it
        return styles.paragraph(f"Heading {min(int(block.kind[1]), 4)}")
    if block.kind == "li":
        paragraph = styles.paragraph("List Number" if block.number is not None
                                     else "List Bullet")
        if block.number is None and _boxed(block):
            _no_bullet(paragraph)
        return paragraph
    if block.kind == "write":
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.oxml.ns import qn
        from docx.shared import Cm

        table = document.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.rows[0].height = Cm(4)
        # one box, never split across two pages
        row = table.rows[0]._tr  # noqa: SLF001 - python-docx has no setting for it
        row.get_or_add_trPr().append(row.makeelement(qn("w:cantSplit"), {}))
        document.add_paragraph()
        return None
    return document.add_paragraph()


def _boxed(block: Block) -> bool:
    """Whether a list item opens with a box to tick (a checklist's line)."""
    return bool(block.inlines) and block.inlines[0].text.lstrip().startswith(BOX)


def _no_bullet(paragraph: Any) -> None:
    """A list item with its bullet turned off (numbering 0), keeping the list's indent: the
    box it opens with is its marker."""
    # in its place among the paragraph's properties, as Word's schema orders them
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # noqa: SLF001
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = 0


def _centre_for_certificate(paragraph: Any, block: Block) -> None:
    """A certificate's paragraphs are centred, with room above the title and the signature."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(10)
    if block.kind == "h1":
        paragraph.paragraph_format.space_before = Pt(36)
    if block.inlines and block.inlines[0].text.startswith("Signed"):
        paragraph.paragraph_format.space_before = Pt(30)


def _add_runs(paragraph: Any, block: Block, certificate: bool) -> None:
    """The block's text, with its bold and italics; a certificate's in larger type."""
    from docx.shared import Pt, RGBColor

    for inline in block.inlines:
        # Word refuses control characters (python-docx raises); a template may hold one
        run = paragraph.add_run(strip_controls(inline.text))
        run.bold = inline.bold or None
        run.italic = inline.italic or None
        if certificate and block.kind in ("h1", "h2"):
            run.font.size = Pt(28 if block.kind == "h1" else 22)
            run.font.color.rgb = RGBColor(0x00, 0x5E, 0xB8)
        elif certificate:
            run.font.size = Pt(14 if inline.bold and len(block.inlines) == 1 else 12)


def _uk_english(document: Any) -> None:
    """Proofing language en-GB for the whole document (python-docx's default is en-US)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    for element in styles.iter(qn("w:lang")):
        element.set(qn("w:val"), "en-GB")


def _letterhead(section: Any, scheme: Scheme) -> None:
    """The organisation's logo, name and address, right-aligned in the page header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    head = scheme.letterhead
    if not (head.organisation or head.address or head.logo):
        return
    header = section.header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if head.logo is not None:
        from .errors import SchemeError

        try:
            first.add_run().add_picture(str(head.logo), height=Cm(1.6))
        except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds
            raise SchemeError(f"the letterhead logo {head.logo} cannot be placed in a Word "
                              f"document ({type(exc).__name__}).",
                              "Use a PNG or JPEG image.", file=scheme.source) from None
        line = header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        line = first
    if head.organisation:
        name = line.add_run(head.organisation)
        name.bold = True
        name.font.size = Pt(11)
    for text in head.address:
        address = header.add_paragraph()
        address.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        address.paragraph_format.space_after = Pt(0)
        run = address.add_run(text)
        run.font.size = Pt(9)


def _page_border(section: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "double")
        element.set(qn("w:sz"), "18")
        element.set(qn("w:space"), "24")
        element.set(qn("w:color"), "005EB8")
        borders.append(element)
    properties = section._sectPr
    # pgBorders belongs after pgMar in the section properties' schema order.
    margin = properties.find(qn("w:pgMar"))
    if margin is not None:
        margin.addnext(borders)
    else:
        properties.append(borders)


def stable_zip(data: bytes) -> bytes:
    """Re-pack a zip with fixed timestamps: the same document always gives the same bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return target_buffer.getvalue()


def to_eml(rendered: Rendered, scheme: Scheme) -> bytes:
    """A draft e-mail (.eml, opened ready to send) with text and HTML parts and any Word
    attachments; headers written by hand and boundaries fixed, so re-rendering is identical."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import default

    from .errors import TemplateError
    from .mailheaders import address_header, unstructured_header

    message = EmailMessage(policy=default)
    admin = scheme.administrator
    from email.errors import HeaderParseError

    from .text import address_from_cell

    if not rendered.recipient.email.strip():
        raise TemplateError(f"{rendered.recipient.name or 'one person'} has no e-mail address, "
                            "so no e-mail can be addressed to them.",
                            "Fill in their e-mail in the workbook (the pairs workbook's Pairs "
                            "sheet, or the volunteer workbook), then run this again.")
    try:
        sender = Address(addr_spec=address_from_cell(one_line(admin.email))).addr_spec
    except (ValueError, IndexError, HeaderParseError):
        # said as the administrator's, not as the recipient's: it is on every draft
        from .errors import SchemeError

        raise SchemeError(f"the administrator's e-mail '{one_line(admin.email)}' is not an "
                          "e-mail address, so no draft can be sent from it.",
                          'Correct email under [administrator], for example: email = '
                          '"your.name@nhs.net".', file=scheme.source) from None
    try:
        to = Address(addr_spec=address_from_cell(one_line(rendered.recipient.email))).addr_spec
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise TemplateError(f"cannot address an e-mail to '{one_line(rendered.recipient.email)}'"
                            f" ({exc}).", "Check the e-mail addresses in the workbook.") from None
    # Written by hand (mailheaders): Python's own folding can lose or add spaces in
    # accented names.
    from .placeholders import DEFAULT_ADMIN

    # A draft made with --allow-placeholders has no administrator address of its own: no
    # From or Reply-To then (Outlook sends from the account it is opened in), never the
    # made-up default address;
    senders = [] if sender == DEFAULT_ADMIN.email else [
        address_header("From", admin.name, sender), address_header("Reply-To", admin.name, sender)]
    # likewise a scheme document addressed to the scheme's (not yet given) mailbox
    recipients = [] if to == DEFAULT_ADMIN.email else [
        address_header("To", rendered.recipient.name, to)]
    own_headers = "\n".join([
        *recipients, *senders,
        unstructured_header("Subject", rendered.subject)]) + "\n"
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft, ready to send
    message.set_content(to_text(rendered.markdown))
    message.add_alternative(to_html(rendered.markdown, rendered.subject), subtype="html")
    for filename, data in rendered.attachments:
        message.add_attachment(
            data, maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename=filename)
    import hashlib

    # Fixed MIME boundaries (from the content) so that re-rendering gives identical files.
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            seed = hashlib.sha256(rendered.markdown.encode() + bytes([number])).hexdigest()
            part.set_boundary(f"=_wessex_{seed[:32]}")
    return own_headers.encode("ascii") + message.as_bytes()


def to_bytes(rendered: Rendered, fmt: str, scheme: Scheme) -> bytes:
    """One rendered document in the format asked for (md, txt, html, docx or eml)."""
    title = rendered.subject
    if fmt == "md":
        return rendered.markdown.encode("utf-8")
    if fmt == "txt":
        return to_text(rendered.markdown).encode("utf-8")
    if fmt == "html":
        return to_html(rendered.markdown, title).encode("utf-8")
    if fmt == "docx":
        return to_docx(rendered.markdown, title, scheme, rendered.recipient.context.get("today"),
                       rendered.layout)
    if fmt == "eml":
        return to_eml(rendered, scheme)
    raise ValueError(fmt)
