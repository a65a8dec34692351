"""Render a draft (or a .docx drafter made) as LibreOffice shows it, and measure the pages.

What LibreOffice shows differently from Word, and what this script does about it:
- The character grid. For 28 characters a line Word writes docGrid `linesAndChars` with a
  slightly negative charSpace (about -848: 156 mm / 28 is a little less than the 16 pt body
  size). LibreOffice misreads a negative pitch and spreads the characters apart, about 16 to a
  line with gaps. So the copy rendered here (as `drafter export --to pdf` does) keeps only the
  line grid (`lines`, same 28.95 pt pitch): 22 lines a page as in Word; the characters a line
  are then set by the font's own width, 28 a line for a 16 pt CJK face in 156 mm.
  `--chars-grid` renders the file as written, to see the misreading.
- Fonts. 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体 are rarely installed outside Windows;
  LibreOffice substitutes (here Noto Serif/Sans CJK): layout, not the final typefaces.
- Run-in headings. Word hides the style separator's paragraph mark (vanish + specVanish) and
  runs the body text on; LibreOffice 7.4 (Debian 12) breaks the line there. The preview copy
  joins the two paragraphs (drafter.export.pdf.preview_copy), so the page shows what Word prints.
- Comments (`check --annotate` copies): a PDF from LibreOffice leaves them out; its own window
  (7.5+) draws them in the margin. Open the .docx to read them.

It prints, per page, the body lines and the characters on a full line (measured from the PDF's
text boxes with `pdftotext -bbox-layout`), where the page number's dash line stands below the type
area, and any heading left as the last line of a page (stranded). PNGs of the pages asked for go
to --out.

Needs LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm):
  apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk
Run: python bench/render_pages.py DRAFT.txt|FILE.docx [--out DIR] [--dpi 80] [--png 1,2]
     [--chars-grid]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

MM = 72 / 25.4
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.S)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def build(source: Path) -> tuple[bytes, list[str]]:
    """The .docx bytes and the heading texts of the draft (for the stranded-heading check)."""
    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset
    from drafter.readers import read_path

    text = read_path(source).text
    draft = parse_draft(text)
    headings = [h.marker + h.title for h in draft.headings.values()]
    if source.suffix.lower() == ".docx":
        return source.read_bytes(), headings
    return build_docx(draft, load_preset("gbt9704")), headings


def to_pdf(data: bytes, chars_grid: bool, work: Path) -> Path:
    from drafter.export.pdf import docx_to_pdf, find_soffice

    if chars_grid:  # as written: let LibreOffice misread the character grid
        source = work / "as-written.docx"
        source.write_bytes(data)
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        command = [find_soffice() or "soffice", "--headless", "--norestore", profile, "--convert-to", "pdf"]
        subprocess.run([*command, "--outdir", str(work), str(source)], check=True, capture_output=True)
        return work / "as-written.pdf"
    pdf = work / "preview.pdf"
    pdf.write_bytes(docx_to_pdf(data))
    return pdf


def _cells(text: str) -> float:
    """Width in body characters: a CJK character or full-width mark is one, a digit or `*` half."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text if not c.isspace())


def measure(pdf: Path, headings: list[str], margin_top_mm: float = 37, margin_bottom_mm: float = 35) -> int:
    """Print lines a page, characters a full line, page-number position, stranded headings;
    returns the number of stranded headings."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = _PAGE.findall(xml.decode("utf-8"))
    body: list[tuple[int, str]] = []  # (page, line text) of every body line, in order
    print(f"{len(pages)} pages")
    for number, (_width, height, content) in enumerate(pages, 1):
        top, bottom = margin_top_mm * MM, float(height) - margin_bottom_mm * MM
        lines, dash = [], None
        for _x0, y0, _x1, y1, words in _LINE.findall(content):
            text = "".join(html.unescape(w) for w in _WORD.findall(words))
            middle = (float(y0) + float(y1)) / 2
            if top - 2 <= middle <= bottom + 2:
                lines.append(text)
            elif middle > bottom and "—" in text:
                dash = (middle - bottom) / MM
        body.extend((number, line) for line in lines)
        full = [_cells(line) for line in lines if _cells(line) >= 20]
        chars = statistics.median(full) if full else 0
        where = f", page number {dash:.1f} mm below the type area" if dash is not None else ""
        print(f"  page {number:>2}: {len(lines):>2} lines, {chars:>4.0f} characters a full line{where}")
    stranded = 0
    stream = "".join(text for _, text in body)
    ends, pos = [], 0
    for _, text in body:
        pos += len(text)
        ends.append(pos)
    for heading in headings:
        at = stream.find(heading)
        if at < 0:
            continue
        end = at + len(heading)
        index = next(i for i, e in enumerate(ends) if e >= end)
        if index + 1 < len(body) and body[index + 1][0] != body[index][0]:
            stranded += 1
            print(f"  stranded heading at the foot of page {body[index][0]}: {heading}")
    print(f"stranded headings: {stranded}")
    return stranded


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, default=Path("pages"))
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--png", default="", help="pages to save as PNG, e.g. 1,2 (default: all)")
    parser.add_argument("--chars-grid", action="store_true", help="render as written (LibreOffice misreads it)")
    args = parser.parse_args()
    from drafter.export.pdf import find_soffice

    if not find_soffice() or not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        print(
            "LibreOffice (soffice) and poppler-utils are needed: apt-get install libreoffice-writer-nogui poppler-utils"
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    data, headings = build(args.file)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = to_pdf(data, args.chars_grid, Path(tmp))
        kept = args.out / f"{args.file.stem}.pdf"
        shutil.copyfile(pdf, kept)
        measure(kept, headings)
        prefix = args.out / args.file.stem
        pages = [int(p) for p in args.png.split(",") if p.strip()] or [0]
        for page in pages:
            span = ["-f", str(page), "-l", str(page)] if page else []
            subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), *span, str(kept), str(prefix)], check=True)
    print(f"PDF and pages in {args.out}/:")
    for page in sorted(args.out.glob(f"{args.file.stem}*")):
        print(f"  {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
