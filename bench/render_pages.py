"""Turn a draft or an exported .docx into PNG pages for a person to look at.

Uses LibreOffice (soffice) and pdftoppm when they are installed; prints what it made. LibreOffice
misreads the negative character pitch (docGrid charSpace) that Word writes for 28 characters a line
and spreads the characters apart; with --lines-grid the preview copy keeps only the line grid, so the
rest of the layout (fonts by level, indents, page numbers) can be judged. Fonts such as 仿宋_GB2312
are substituted on machines that lack them: the preview shows layout, not the final typefaces.

Run: python bench/render_pages.py DRAFT.txt|FILE.docx [--out DIR] [--dpi 60] [--lines-grid] [--comments]
(--comments for a `check --annotate` copy: LibreOffice 7.5+ draws the comments in the margin; the
7.4 of Debian 12 shows a marker at each anchor instead.)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, default=Path("pages"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--lines-grid", action="store_true", help="preview copy without the character grid")
    parser.add_argument(
        "--comments", action="store_true", help="export comments too (in the margin where LibreOffice supports it)"
    )
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("LibreOffice (soffice) and pdftoppm are needed: apt-get install libreoffice-writer-nogui poppler-utils")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = args.file
        if source.suffix.lower() != ".docx":
            target = work / (source.stem + ".docx")
            cmd = [sys.executable, "-m", "drafter", "export", str(source), "-o", str(target), "--allow-placeholders"]
            subprocess.run(cmd, check=True)
            source = target
        if args.lines_grid:
            copy = work / ("lines-" + source.name)
            with zipfile.ZipFile(source) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "word/document.xml":
                        data = re.sub(rb'w:type="linesAndChars"', b'w:type="lines"', data)
                    zout.writestr(item, data)
            source = copy
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pdf = work / (source.stem + ".pdf")
        prefix = args.out / args.file.stem
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(prefix)], check=True)
    pages = sorted(args.out.glob(f"{args.file.stem}*.png"))
    print(f"{len(pages)} pages in {args.out}/")
    for page in pages:
        print(f"  {page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
