"""Benchmark filling blanks inside a .docx (issue: work inside the Word file).

Targets: the seed exported as .docx (49 blanks) filled and saved in under 0.5 s; a 300-page .docx
in under 3 s. The floor printed beside it is python-docx opening and saving the same file with no
change at all (which also re-serialises every part, the thing in-place editing avoids).

Run: python bench/bench_fill.py
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from bench_export import best, speech  # best of three runs; the seed (or its stand-in) to a page count

ROOT = Path(__file__).resolve().parent.parent


def exported(pages: int) -> bytes:
    """The seed itself (pages=0) or the seed repeated to `pages`, exported with the gbt9704 preset."""
    from bench_export import FALLBACK, SEED

    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset

    if pages:
        text = speech(pages)
    else:
        text = SEED.read_text(encoding="utf-8") if SEED.is_file() else FALLBACK
    return build_docx(parse_draft(text), load_preset("gbt9704"))


def main() -> None:
    import docx

    from drafter.checks import build_engine
    from drafter.docxedit import blanks, fill_docx

    engine = build_engine(only=["placeholder"])
    for label, pages in (("seed", 0), ("300 pages", 300)):
        data = exported(pages)
        _, found = blanks(data, "b.docx", engine)
        values = [str(i) for i in range(len(found))]
        result = fill_docx(data, "b.docx", engine, values)
        assert not blanks(result.data, "b.docx", engine)[1]
        ours = best(lambda: fill_docx(data, "b.docx", engine, values))  # noqa: B023
        floor = best(lambda: docx.Document(BytesIO(data)).save(BytesIO()))  # noqa: B023
        target = 0.5 if pages == 0 else 3.0
        print(
            f"{label:<14} {len(data) // 1024:>6} KB {len(found):>6} blanks  fill+save {ours * 1000:8.1f} ms "
            f"(target {target * 1000:.0f})  python-docx open+save, no change {floor * 1000:8.1f} ms  "
            f"ratio {ours / floor:.2f}"
        )


if __name__ == "__main__":
    main()
