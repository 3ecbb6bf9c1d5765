"""A data bar saved by Excel or LibreOffice keeps part of itself in the newer form, which
openpyxl would drop, so a change is refused; the refusal said only "conditional formats...
in its newer form", naming neither the sheet nor the cells, nor how to take it away."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .conftest import Runner
from .test_record import paired

__all__ = ["paired"]  # the fixture, used by name

DATA_BAR = (
    '<conditionalFormatting sqref="R2:R5"><cfRule type="dataBar" priority="1"><dataBar>'
    '<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst>'
    '<ext xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
    'uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"><x14:id>{DA4B903D-4B43-443E-9122-'
    '603ABEF12AD0}</x14:id></ext></extLst></cfRule></conditionalFormatting>')


def test_a_data_bar_in_the_newer_form_is_refused_naming_its_sheet_and_cells(
        run: Runner, paired: Path) -> None:
    with zipfile.ZipFile(paired) as archive:
        parts = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    at = xml.index("<dataValidations") if "<dataValidations" in xml else \
        xml.index("<pageMargins")
    parts[name] = (xml[:at] + DATA_BAR + xml[at:]).encode()
    with zipfile.ZipFile(paired, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    said = " ".join(run("visit", "pairs.xlsx", "gp1@example.org", "--hosted", "4/5/2027",
                        code=1).output.split())
    assert "in its newer form (sheet 'Pairs', cells R2:R5:" in said
    assert "Clear Rules removes" in said
