"""A sensitivity label, SharePoint's document metadata and "Read-only recommended" kept
when openpyxl saves a workbook.

Microsoft 365 writes a workbook's sensitivity label in ``docMetadata/LabelInfo.xml``, related
from the package (``_rels/.rels``, [MS-OI29500] 3.4.1.5), and SharePoint its columns and
content type in custom XML parts (``customXml/item1.xml`` with ``itemProps1.xml`` and its
own relations), related from the workbook (ECMA-376 Part 1, 15.2.5). openpyxl reads none of
them and writes none, so every save took the label off (only its copy in the custom
properties, ``MSIP_Label_*``, which openpyxl keeps, was left) and cut the workbook loose from
its library's metadata. It also drops ``<fileSharing>`` from ``xl/workbook.xml`` ("Always
open read-only", and the password to modify), while it keeps ``<workbookProtection>`` and
writes that itself.

``read_metadata`` takes them from the workbook as it was opened; after openpyxl has saved,
``restored_package`` copies the parts back byte for byte and adds only the relations and
content types openpyxl's output lacks, with Ids of their own where openpyxl's are in use.
Only parts plainly named as Excel names them are copied, and never over a part openpyxl
wrote; any other part in those folders is named by ``not_kept`` (``workbook_edit`` refuses
the workbook rather than lose it).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import quoteattr

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PACKAGE_RELATIONS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
LABELS = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
ROOT_RELATIONS, WORKBOOK_RELATIONS = "_rels/.rels", "xl/_rels/workbook.xml.rels"
# each relations part: the part it belongs to (openpyxl's workbook is always xl/workbook.xml,
# and ``inspection`` refuses any other), and the kinds of relation kept in it
OWNERS = {ROOT_RELATIONS: "", WORKBOOK_RELATIONS: "xl/workbook.xml"}
KEPT_TYPES = {ROOT_RELATIONS: (LABELS, CUSTOM_XML), WORKBOOK_RELATIONS: (CUSTOM_XML,)}
# the parts copied: named as Excel and SharePoint name them, nothing else
PLAIN = re.compile(r"docMetadata/LabelInfo\.xml|customXml/item[1-9][0-9]{0,3}\.xml|"
                   r"customXml/itemProps[1-9][0-9]{0,3}\.xml|"
                   r"customXml/_rels/item[1-9][0-9]{0,3}\.xml\.rels")
FOLDERS = ("docmetadata/", "customxml/")  # any part in them (any case) that is not PLAIN
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,254}")
_MIME = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4}){0,255}"
                     r"(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})")
# <fileSharing>'s attributes (ECMA-376, CT_FileSharing), each as its type allows it
SHARING = {"readOnlyRecommended": re.compile(r"1|0|true|false"),
           "userName": re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f]{0,255}"),
           "reservationPassword": re.compile(r"[0-9A-Fa-f]{4}"),
           "algorithmName": re.compile(r"[A-Za-z0-9_-]{1,64}"),
           "hashValue": _BASE64, "saltValue": _BASE64,
           # an unsignedInt: at most 4294967295, which nine digits cannot pass
           "spinCount": re.compile(r"[0-9]{1,9}")}
# the content types these parts have (MS-OI29500, ECMA-376): an Override naming another
# (a worksheet's, the styles') is not copied
KINDS = {"docMetadata/LabelInfo.xml": "application/vnd.ms-office.classificationlabels+xml",
         "itemProps": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
         "item": "application/xml"}
ITEM_PROPS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "customXmlProps")
# What follows <fileSharing> in xl/workbook.xml (after fileVersion), in the schema's order
_AFTER_SHARING = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)(?:workbookPr|workbookProtection|"
                            rb"bookViews|sheets)[\s/>]")


@dataclass(frozen=True)
class Relation:
    """A relation openpyxl drops: its Id, kind, and the part it points to."""

    id: str
    type: str
    part: str


@dataclass
class Metadata:
    """What of a workbook openpyxl would not save, to put back after it has."""

    parts: dict[str, bytes] = field(default_factory=dict)  # part name -> its bytes
    relations: dict[str, list[Relation]] = field(default_factory=dict)  # relations part
    # (_rels/.rels, xl/_rels/workbook.xml.rels) -> the relations kept from it
    content_types: dict[str, str] = field(default_factory=dict)  # part name -> its Override
    sharing: dict[str, str] = field(default_factory=dict)  # <fileSharing>'s attributes


def not_kept(names: list[str]) -> list[str]:
    """The parts among ``names`` in the folders of the label and of custom XML that
    ``restored_package`` would not copy: their names are not as Excel writes them."""
    return [name for name in names if name.lower().startswith(FOLDERS) and
            not name.endswith("/") and not PLAIN.fullmatch(name)]


def read_metadata(path: Any) -> Metadata:
    """The label, custom XML parts, their relations and content types, and the workbook's
    <fileSharing>, from the workbook at ``path`` (inspected already, and loaded by openpyxl,
    so its relations and content types are XML openpyxl could read)."""
    from defusedxml.ElementTree import fromstring

    found = Metadata()
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        found.parts = {name: archive.read(name) for name in sorted(names)
                       if PLAIN.fullmatch(name)}
        for relations_part in [n for n in found.parts if n.startswith("customXml/_rels/")]:
            # an item's relations: only to its own properties, which must be there
            found.parts[relations_part] = _item_relations(found.parts[relations_part],
                                                          relations_part, found.parts)
        for relations, owner in OWNERS.items():
            if relations not in names:
                continue
            for relation in fromstring(archive.read(relations)):
                kind = relation.get("Type", "")
                part = _part(owner, relation.get("Target", ""))
                if relation.tag == f"{PACKAGE_RELATIONS}Relationship" and \
                        kind in KEPT_TYPES[relations] and part in found.parts and \
                        relation.get("TargetMode", "Internal") == "Internal":
                    found.relations.setdefault(relations, []).append(
                        Relation(relation.get("Id", ""), kind, part))
        wanted = {"/" + name.lower(): name for name in found.parts}
        for entry in fromstring(archive.read("[Content_Types].xml")):
            name = wanted.get(entry.get("PartName", "").lower())
            kind = entry.get("ContentType", "")
            if entry.tag == f"{CONTENT_TYPES}Override" and name and _MIME.fullmatch(kind) \
                    and kind == _kind_of(name):
                found.content_types[name] = kind
        workbook = fromstring(archive.read("xl/workbook.xml"))
        sharing = workbook.find(f"{MAIN}fileSharing")
        if sharing is not None:
            found.sharing = {name: value for name, allowed in SHARING.items()
                             if (value := sharing.get(name)) is not None and
                             allowed.fullmatch(value)}
    return found


def _kind_of(name: str) -> str:
    """The content type a copied part has (``KINDS``)."""
    if name in KINDS:
        return KINDS[name]
    return KINDS["itemProps"] if posixpath.basename(name).startswith("itemProps") \
        else KINDS["item"]


def _item_relations(data: bytes, name: str, parts: dict[str, bytes]) -> bytes:
    """A custom XML item's relations part as written again: only relations to that item's
    properties part, internal and present; nothing else the file listed (a target outside
    the package, an external link) is copied back."""
    from defusedxml.ElementTree import fromstring

    owner = "customXml/" + posixpath.basename(name)[:-len(".rels")]
    kept = []
    listed = list(fromstring(data))
    for relation in listed:
        target = _part(owner, relation.get("Target", ""))
        if relation.tag == f"{PACKAGE_RELATIONS}Relationship" and \
                relation.get("Type") == ITEM_PROPS and target in parts and \
                posixpath.basename(target).startswith("itemProps") and \
                relation.get("TargetMode", "Internal") == "Internal" and \
                _ID.fullmatch(relation.get("Id", "")):
            kept.append(f"<Relationship Id={quoteattr(relation.get('Id', ''))} "
                        f"Type={quoteattr(ITEM_PROPS)} "
                        f"Target={quoteattr(posixpath.basename(target))}/>")
    if len(kept) == len(listed):
        return data  # as Excel wrote it: byte for byte
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships">' +
            "".join(kept) + "</Relationships>").encode()


def _part(owner: str, target: str) -> str:
    """The part a relation of ``owner``'s points to ("" for a target that leaves the
    package's root)."""
    joined = target[1:] if target.startswith("/") else \
        posixpath.join(posixpath.dirname(owner), target)
    part = posixpath.normpath(joined) if joined else ""
    return "" if part.startswith(("..", "/")) or part == "." else part


def restored_package(metadata: Metadata, saved: dict[str, bytes]) -> dict[str, bytes]:
    """The parts to change or add in ``saved`` (openpyxl's output, part name -> bytes, as
    changed so far) to put back what ``metadata`` holds: the parts openpyxl dropped, byte for
    byte (never one whose name openpyxl used, in any case), the relations to them and their
    content types that openpyxl's output lacks, and the workbook's <fileSharing>."""
    taken = {name.lower() for name in saved}
    changed = {name: data for name, data in metadata.parts.items() if name.lower() not in taken}
    there = {name for name in metadata.parts if name in changed}
    for relations, kept in metadata.relations.items():
        if relations in saved:
            added = _with_relations(saved[relations], OWNERS[relations],
                                    [r for r in kept if r.part in there])
            if added is not None:
                changed[relations] = added
    types = _with_content_types(saved.get("[Content_Types].xml", b""),
                                {name: kind for name, kind in metadata.content_types.items()
                                 if name in there})
    if types is not None:
        changed["[Content_Types].xml"] = types
    if metadata.sharing and "xl/workbook.xml" in saved:
        workbook = _with_sharing(saved["xl/workbook.xml"], metadata.sharing)
        if workbook is not None:
            changed["xl/workbook.xml"] = workbook
    return changed


def _with_relations(xml: bytes, owner: str, kept: list[Relation]) -> bytes | None:
    """openpyxl's relations part with those of ``kept`` it lacks (the same kind to the same
    part) added, each keeping its Id unless openpyxl's has it (or it is no Id), when it is
    given one of its own; None when none is lacking. Nothing refers to these Ids."""
    from defusedxml.ElementTree import fromstring

    if not kept or b"</Relationships>" not in xml:
        return None
    listed = list(fromstring(xml))
    present = [(r.get("Type", ""), _part(owner, r.get("Target", ""))) for r in listed]
    used = {r.get("Id", "") for r in listed}
    lacking = []
    for relation in kept:
        if (relation.type, relation.part) not in present:
            present.append((relation.type, relation.part))
            lacking.append(relation)
    if not lacking:
        return None
    ids: dict[Relation, str] = {}
    for relation in lacking:  # first the Ids that are free, then new ones for the others
        if _ID.fullmatch(relation.id) and relation.id not in used:
            ids[relation] = relation.id
            used.add(relation.id)
    for relation in lacking:
        if relation not in ids:
            ids[relation] = _free_id(used)
            used.add(ids[relation])
    folder = posixpath.dirname(owner)
    up = "../" * (folder.count("/") + 1 if folder else 0)
    added = "".join(f"<Relationship Id={quoteattr(ids[r])} Type={quoteattr(r.type)} "
                    f"Target={quoteattr(up + r.part)}/>" for r in lacking)
    end = xml.rindex(b"</Relationships>")
    return xml[:end] + added.encode() + xml[end:]


def _free_id(used: set[str]) -> str:
    """A relation Id ("rId7") that ``used`` does not hold."""
    number = len(used) + 1
    while f"rId{number}" in used:
        number += 1
    return f"rId{number}"


def _with_content_types(xml: bytes, kinds: dict[str, str]) -> bytes | None:
    """openpyxl's [Content_Types].xml with an Override for each part of ``kinds`` it has none
    for; None when it lacks none."""
    from defusedxml.ElementTree import fromstring

    if not kinds or b"</Types>" not in xml:
        return None
    listed = {entry.get("PartName", "").lower() for entry in fromstring(xml)
              if entry.tag == f"{CONTENT_TYPES}Override"}
    added = [f'<Override PartName={quoteattr("/" + name)} ContentType={quoteattr(kind)}/>'
             for name, kind in kinds.items() if "/" + name.lower() not in listed]
    if not added:
        return None
    end = xml.rindex(b"</Types>")
    return xml[:end] + "".join(added).encode() + xml[end:]


def _with_sharing(xml: bytes, sharing: dict[str, str]) -> bytes | None:
    """openpyxl's xl/workbook.xml with <fileSharing> put where the schema has it, before
    the workbook's properties; None when openpyxl wrote one itself or there is no place."""
    if re.search(rb"<(?:[A-Za-z_][\w.-]*:)?fileSharing[\s/>]", xml):
        return None
    after = _AFTER_SHARING.search(xml)
    if after is None:
        return None
    prefix = after.group(1).decode()
    attributes = " ".join(f"{name}={quoteattr(value)}" for name, value in sharing.items())
    element = f"<{prefix}fileSharing {attributes}/>".encode()
    return xml[:after.start()] + element + xml[after.start():]
