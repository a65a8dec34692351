"""drafter's own document base, instead of python-docx's default template.

python-docx's template is a US-Letter Word 2010 file from a Mac: ja-JP as the East Asian theme
language, a stylesWithEffects part full of theme fonts, a font table with ＭＳ 明朝 and Calibri but
none of the 公文 fonts, compatibility mode 14 (兼容模式), python-docx as author, 2013 as the date,
"Microsoft Macintosh Word" as the application and a blank thumbnail. Cleaning that leaves a file
that still is somebody else's; a base written for drafter has nothing to clean. Its parts are
plain XML files in `base/` (read, edited and reviewed like any data file); this module only zips
them, and fills in what depends on the file being made: its fonts, author, title and times."""

from __future__ import annotations

import datetime as dt
import getpass
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from drafter.export.ooxml import W, child, w

BASE_DIR = Path(__file__).resolve().parent / "base"
# package part name → file in base/ (flat names: no brackets or dot-folders in the package data)
PARTS = {
    "[Content_Types].xml": "content_types.xml",
    "_rels/.rels": "package_rels.xml",
    "docProps/core.xml": "core.xml",
    "docProps/app.xml": "app.xml",
    "word/document.xml": "document.xml",
    "word/_rels/document.xml.rels": "document_rels.xml",
    "word/styles.xml": "styles.xml",
    "word/settings.xml": "settings.xml",
    "word/fontTable.xml": "fontTable.xml",
}
APPLICATION = "drafter"


def base_package() -> bytes:
    """The empty base document as .docx bytes (what python-docx opens and drafter fills)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, name in PARTS.items():
            archive.writestr(part, (BASE_DIR / name).read_bytes())
    return out.getvalue()


def base_styles() -> Any:
    """The parsed base styles.xml (annotated copies borrow its comment styles)."""
    from lxml import etree

    return etree.fromstring((BASE_DIR / "styles.xml").read_bytes())


def author_name(preset: dict[str, Any] | None = None) -> str:
    """The preset's `author` (a team writes its unit there), else the OS user, else 'drafter'."""
    if preset and preset.get("author"):
        return str(preset["author"])
    try:
        return getpass.getuser() or APPLICATION
    except Exception:  # no user name on this system (a container without a passwd entry)
        return APPLICATION


def set_properties(document: Any, title: str, author: str, now: dt.datetime | None = None) -> None:
    """Honest core properties: this author, these times, revision 1, the draft's title."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now
    props.revision = 1
    props.title = title[:255]
    props.language = "zh-CN"


def ensure_fonts(document: Any, names: set[str]) -> None:
    """Every font the file names has an entry in its font table (charset GB2312 when drafter
    knows nothing more about it), so Word never guesses a Western or Japanese fallback."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {font.get(w("name")) for font in root.findall(w("font"))}
    missing = sorted(names - known)
    for name in missing:
        font = root.makeelement(w("font"), {w("name"): name})
        root.append(font)
        child(font, "charset", val="86")
        child(font, "family", val="auto")
        child(font, "pitch", val="variable")
    if missing:
        # python-docx keeps the font table as a plain part: its bytes are what is saved.
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


__all__ = ["APPLICATION", "BASE_DIR", "W", "author_name", "base_package", "base_styles", "ensure_fonts"]
