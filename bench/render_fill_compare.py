"""Does a .docx filled in place render the same pages? (issue: work inside the Word file)

Exports the seed (49 blanks) with the gbt9704 preset, fills every blank with `--` (as narrow as
`**` and, like it, punctuation, so no line can reflow), converts both files to PDF through LibreOffice,
and compares the text of every page: the pages must be the same in number, and each page's text the
text of the page before with the values in place of its blanks. It also fills with values of natural lengths and reports
how many pages changed (expected: the pages from the first longer value on may reflow).

Run: python bench/render_fill_compare.py   (needs soffice and pdftotext; says so when missing)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_90650464488cdbe9.txt"
FALLBACK = "讲话\n\n同志们：\n一、总体情况\n" + "今天召开**企业年度会议，全年新增项目**个，新增标的**万元。\n" * 30


def pages_text(pdf: bytes, folder: Path, name: str) -> list[str]:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftotext", "-layout", str(path), str(folder / f"{name}.txt")], check=True)
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    # pdftotext drops a comma that LibreOffice hangs in the margin at a line end, on one side or the
    # other; the layout is compared on everything else.
    return [re.sub(r"[\s，。、；：]+", "", page) for page in text.split("\f") if page.strip()]


def main() -> int:
    from drafter.checks import build_engine
    from drafter.docxedit import fill_docx
    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.pdf import docx_to_pdf, find_soffice
    from drafter.export.presets import load_preset

    if find_soffice() is None or shutil.which("pdftotext") is None:
        print("skipped: LibreOffice (soffice) or pdftotext is not installed")
        return 0
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    data = build_docx(parse_draft(text), load_preset("gbt9704"))
    engine = build_engine(only=["placeholder"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = pages_text(docx_to_pdf(data), folder, "before")
        n = len(fill_docx(data, "x.docx", engine, []).left)
        same_width = ["--"] * n  # as narrow as "**" and, like it, punctuation: no CJK-Latin spacing
        filled = fill_docx(data, "x.docx", engine, same_width)
        after = pages_text(docx_to_pdf(filled.data), folder, "after")
        values = iter(same_width)
        expected = [re.sub(r"\*\*", lambda _m: next(values, "**"), page) for page in before]
        equal = sum(a == b for a, b in zip(expected, after, strict=False))
        print(
            f"{n} blanks filled with same-width values: {len(before)} pages before, {len(after)} after; "
            f"{equal} of {len(before)} pages have exactly the text of before with the values in place"
        )
        natural = fill_docx(data, "x.docx", engine, ["江汉建设集团" if i % 3 == 0 else str(100 + i) for i in range(n)])
        after2 = pages_text(docx_to_pdf(natural.data), folder, "natural")
        first_changed = next((i for i, (a, b) in enumerate(zip(before, after2, strict=False)) if a != b), None)
        print(
            f"with values of natural length: {len(after2)} pages; first page that differs: "
            f"{'none' if first_changed is None else first_changed + 1}"
        )
        return 0 if len(before) == len(after) and equal == len(before) else 1


if __name__ == "__main__":
    sys.exit(main())
