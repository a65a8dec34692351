"""Validating a .docx against the published ECMA-376 / ISO/IEC 29500-4 transitional schemas.

The XSDs under tests/data/ooxml are the published files, unmodified: `transitional/` and `mce/`
as redistributed by the dolanmiu/docx project (ooxml-schemas/, MIT), `opc/` (ECMA-376 Part 2 and
the Dublin Core schemas) as redistributed by randym/axlsx (lib/schema/, MIT). libxml2 (through
lxml) does the validating; this module only decides which part is checked and applies markup
compatibility (ECMA-376 Part 3) first, as every consumer does: attributes and elements of the
namespaces a part declares `mc:Ignorable` are dropped, and `mc:AlternateContent` is replaced by
its `mc:Fallback`, since a transitional-only consumer understands no `mc:Choice`."""

from __future__ import annotations

import zipfile
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from lxml import etree

DATA = Path(__file__).resolve().parent / "data" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACES = {
    "http://www.w3.org/XML/1998/namespace": "transitional/xml.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "transitional/wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "transitional/dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "transitional/shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc/opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "transitional/shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": (
        "transitional/shared-customXmlDataProperties.xsd"
    ),
}


class _LocalOnly(etree.Resolver):
    """Every schema import is answered from tests/data (the opc files import `xml.xsd` beside
    themselves); nothing is fetched from the network."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.rsplit("/", 1)[-1] == "xml.xsd":
            return self.resolve_filename(str(DATA / "transitional" / "xml.xsd"), context)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{(DATA / rel).as_uri()}"/>' for ns, rel in NAMESPACES.items()
    )
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalOnly())
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=(DATA / "driver.xsd").as_uri()))


def _apply_markup_compatibility(root: etree._Element) -> None:
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        index = parent.index(alternate)
        for child in list(fallback) if fallback is not None else []:
            parent.insert(index, child)
            index += 1
        parent.remove(alternate)
    ignorable: set[str] = set()
    for el in root.iter():
        prefixes = el.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable.update(el.nsmap[p] for p in prefixes.split() if p in el.nsmap)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            ns = etree.QName(name).namespace
            if ns in ignorable or ns == MC:
                del el.attrib[name]


def problems(data: bytes) -> list[str]:
    """Every schema error in every XML part of a .docx, as `part:line: message`; parts whose root
    namespace has no schema in the set are errors too (nothing is skipped silently)."""
    out: list[str] = []
    xsd = schema()
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = etree.fromstring(archive.read(name))
            ns = etree.QName(root).namespace
            if ns not in NAMESPACES:
                out.append(f"{name}: no schema for {{{ns}}}{etree.QName(root).localname}")
                continue
            _apply_markup_compatibility(root)
            if not xsd.validate(root):
                out.extend(f"{name}: {e.path}: {_short(e.message)}" for e in xsd.error_log)
    return out


def _short(message: str) -> str:
    for ns, prefix in (("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w:"),):
        message = message.replace(f"{{{ns}}}", prefix)
    return message
