"""PDF through LibreOffice, for the offices that circulate PDF (`drafter export --to pdf`).

drafter has no layout engine of its own: the .docx it builds is handed to LibreOffice (`soffice
--headless --convert-to pdf`) when it is installed. Two things differ from Word, and are handled
or said here rather than hidden:

- LibreOffice misreads the negative character pitch Word writes for 28 characters a line
  (docGrid `linesAndChars` with charSpace ≈ -848): it spreads every character apart, about 16 to
  a line. The copy LibreOffice converts therefore keeps only the line grid (`lines`, the same
  pitch): 22 lines a page as in Word. Without the character grid a 16 pt face fits only 27
  characters in 156 mm, so the copy condenses the text by the same amount instead (character
  spacing in the document defaults, rounded to the next 1/20 pt): 28 a line, as in Word.
- Run-in headings. Word hides the paragraph mark of a style separator (vanish + specVanish) and
  runs the body text on after the heading sentence; LibreOffice 7.4 breaks the line there. The
  copy joins each such pair into one paragraph (the heading runs keep their own font), so the
  PDF shows the run-in heading as Word prints it.
- 仿宋_GB2312, 方正小标宋简体 and the other 公文 fonts ship with no system (Windows included; offices
  install them); where they are missing the
  PDF then shows LibreOffice's substitutes.

LibreOffice runs with a profile of its own in a temporary folder, so a LibreOffice window the
user has open neither blocks the conversion nor is touched by it."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from drafter.errors import DrafterError, os_reason

TIMEOUT_S = 300
_WINDOWS_PLACES = ("LibreOffice/program/soffice.exe", "LibreOffice 7/program/soffice.exe")
_GRID = re.compile(rb'(<w:docGrid\b[^>]*\bw:type=")linesAndChars(")')
_CHAR_SPACE = re.compile(rb'<w:docGrid\b[^>]*\bw:charSpace="(-?\d+)"')
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def find_soffice() -> str | None:
    """LibreOffice's soffice on PATH, or where its Windows installer puts it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
        for place in _WINDOWS_PLACES:
            if root and (Path(root) / place).is_file():
                return str(Path(root) / place)
    return None


def preview_copy(docx: bytes) -> bytes:
    """The .docx as LibreOffice should be given it: the character grid replaced by condensed
    character spacing, the line grid kept, style separators joined (see above)."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        document = zin.read("word/document.xml")
        pitch = _CHAR_SPACE.search(document) if _GRID.search(document) else None
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = _join_style_separators(_GRID.sub(rb"\1lines\2", data))
            elif item.filename == "word/styles.xml" and pitch is not None and int(pitch.group(1)) < 0:
                data = _condensed(data, int(pitch.group(1)))
            zout.writestr(item, data)
    return out.getvalue()


def _join_style_separators(document: bytes) -> bytes:
    if b"specVanish" not in document:
        return document
    from lxml import etree

    root = etree.fromstring(document)
    for mark in list(root.iter(f"{_W}specVanish")):
        paragraph = mark.getparent().getparent().getparent()  # specVanish < rPr < pPr < p
        following = paragraph.getnext()
        if paragraph.tag != f"{_W}p" or following is None or following.tag != f"{_W}p":
            continue
        at = 1 if following.find(f"{_W}pPr") is not None else 0
        for element in [e for e in paragraph if e.tag != f"{_W}pPr"]:
            following.insert(at, element)
            at += 1
        paragraph.getparent().remove(paragraph)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _condensed(styles: bytes, char_space: int) -> bytes:
    """styles.xml with the document's default run properties condensed by the grid's amount
    (charSpace is in 1/4096 pt, w:spacing in 1/20 pt)."""
    from lxml import etree

    from drafter.export.ooxml import child

    root = etree.fromstring(styles)
    r_pr = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if r_pr is None:
        return styles
    child(r_pr, "spacing", val=str(math.floor(char_space / 4096 * 20)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_to_pdf(docx: bytes, name: str = "文稿") -> bytes:
    """The PDF of a .docx drafter built, rendered by LibreOffice with the line grid."""
    soffice = find_soffice()
    if soffice is None:
        raise DrafterError(
            "未找到 LibreOffice（soffice），无法导出 PDF：请安装 LibreOffice，或导出 .docx 后在 Word/WPS 中另存为 PDF"
        )
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "draft.docx"
        source.write_bytes(preview_copy(docx))
        command = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise DrafterError(f"{name}: LibreOffice 转换 PDF 超过 {TIMEOUT_S} 秒未完成，已停止") from None
        except OSError as exc:
            raise DrafterError(f"{name}: 无法启动 LibreOffice（{os_reason(exc)}）") from None
        pdf = folder / "draft.pdf"
        if not pdf.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DrafterError(f"{name}: LibreOffice 未能生成 PDF（{detail[-1] if detail else done.returncode}）")
        return pdf.read_bytes()
