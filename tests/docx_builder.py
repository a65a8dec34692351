"""Building real .docx files for tests: python-docx for the ordinary parts, raw XML for what it
has no API for (footnotes, text boxes, nested tables, runs split mid-placeholder)."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_runs(paragraph, pieces: list[tuple[str, bool]]) -> None:
    """Append runs (text, bold) to a python-docx paragraph: how Word splits text at will."""
    for text, bold in pieces:
        run = paragraph.add_run(text)
        run.bold = bold


TEXTBOX_RUN = f"""
<w:r xmlns:w="{W}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing><wp:anchor><a:graphic><a:graphicData>
        <wps:wsp><wps:txbx><w:txbxContent>
          <w:p><w:r><w:t>@TEXT@</w:t></w:r></w:p>
        </w:txbxContent></wps:txbx></wps:wsp>
      </a:graphicData></a:graphic></wp:anchor></w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape><v:textbox><w:txbxContent>
        <w:p><w:r><w:t>@TEXT@</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def add_textbox(paragraph, text: str) -> None:
    """A DrawingML text box with its VML fallback, as Word writes it (same text twice)."""
    run = etree.fromstring(TEXTBOX_RUN.replace("@TEXT@", text))
    paragraph._p.append(run)


def add_nested_table(cell, text: str) -> None:
    """A table inside a table cell."""
    inner = cell.add_table(rows=1, cols=1)
    inner.cell(0, 0).paragraphs[0].add_run(text)


FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">@TEXT@</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_footnote(path: Path, anchor_text: str, note_text: str) -> None:
    """Add a real footnotes part (content type, relationship, reference in the body)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    ct = etree.fromstring(parts["[Content_Types].xml"])
    override = etree.SubElement(ct, "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
    override.set("PartName", "/word/footnotes.xml")
    override.set(
        "ContentType",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    )
    parts["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8")
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
    rel.set("Id", "rIdFootnotes1")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    rel.set("Target", "footnotes.xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    body = etree.fromstring(parts["word/document.xml"])
    for p in body.iter(qn("w:p")):
        if anchor_text in "".join(t.text or "" for t in p.iter(qn("w:t"))):
            r = etree.SubElement(p, qn("w:r"))
            ref = etree.SubElement(r, qn("w:footnoteReference"))
            ref.set(qn("w:id"), "1")
            break
    parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
    parts["word/footnotes.xml"] = FOOTNOTES.replace("@TEXT@", note_text).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def new_document():
    return docx.Document()


def clone(element):
    return copy.deepcopy(element)
