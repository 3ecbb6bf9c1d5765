"""Hostile workbooks built in code: a few kilobytes each, claiming or holding far more."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

_CT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
       b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
       b'worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
         b'"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
         b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
            b'"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _workbook(sheet: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="'
            f'{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>').encode()


def xlsx(path: Path, cells: Sequence[tuple[str, str]], dimension: str = "A1",
         sheet: str = "Volunteers") -> Path:
    """A minimal .xlsx whose one sheet holds ``cells`` ((reference, text), in order)."""
    rows: dict[str, list[str]] = {}
    for ref, text in cells:
        number = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        rows.setdefault(number, []).append(
            f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    body = "".join(f'<row r="{n}">{"".join(c)}</row>' for n, c in rows.items())
    data = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="'
            f'{dimension}"/><sheetData>{body}</sheetData></worksheet>').encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _workbook(sheet))
        archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", data)
    return path


HEADER = [("A1", "Name"), ("B1", "Email"), ("C1", "Profession")]

_MANIFEST = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
             b'oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:'
             b'file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
             b'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
             b'manifest:media-type="text/xml"/></manifest:manifest>')


def ods(path: Path, rows_xml: str, table: str = "Volunteers") -> Path:
    """A minimal .ods whose one table holds ``rows_xml``."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
               '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:'
               'names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:'
               'opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:'
               f'spreadsheet><table:table table:name="{table}">{rows_xml}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>').encode()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p>'
            '</table:table-cell>')


def ods_row(cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


ODS_HEADER = ods_row(ods_cell("Name") + ods_cell("Email") + ods_cell("Profession"))
ODS_PERSON = ods_row(ods_cell("Ann Example") + ods_cell("ann@nhs.net") + ods_cell("GP"))
