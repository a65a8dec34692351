"""Word's automatic list numbering, as printed: the 一、 that Word's numbering engine draws before a
paragraph is not in the paragraph's text, but a writer (and the draft parser) needs it."""

from __future__ import annotations

import re
import zipfile

from drafter.numerals import to_chinese
from drafter.readers.docx import W

_W = f"{{{W}}}"
_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}


class ListNumbering:
    """Word's list numbering, enough to print the numbers a writer saw: decimal and Chinese
    counting formats, `%1、`-style level texts, counters that restart below a higher level."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        from lxml import etree

        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        names = set(archive.namelist())
        # Entities never expanded, no DTD or network: the parts were size-checked by read_docx.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        if "word/numbering.xml" in names:
            root = etree.fromstring(archive.read("word/numbering.xml"), parser)
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for node in root.iter(f"{_W}abstractNum"):
                levels = {}
                for lvl in node.iter(f"{_W}lvl"):
                    fmt = lvl.find(f"{_W}numFmt")
                    text = lvl.find(f"{_W}lvlText")
                    start = lvl.find(f"{_W}start")
                    levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                        fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                        text.get(f"{_W}val", "") if text is not None else "",
                        int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    )
                abstract[node.get(f"{_W}abstractNumId", "")] = levels
            for num in root.iter(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                if ref is not None:
                    self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})
        if "word/styles.xml" in names:
            root = etree.fromstring(archive.read("word/styles.xml"), parser)
            for style in root.iter(f"{_W}style"):
                num_id = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
                if num_id is not None:
                    ilvl = style.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
                    self.style_num[style.get(f"{_W}styleId", "")] = (
                        num_id.get(f"{_W}val", ""),
                        int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0,
                    )

    def label(self, paragraph: object) -> str:
        """The list number printed before this paragraph, or ""."""
        ppr = paragraph.find(f"{_W}pPr")  # type: ignore[attr-defined]
        num_id, ilvl = None, 0
        if ppr is not None:
            num = ppr.find(f"{_W}numPr")
            if num is not None:
                nid = num.find(f"{_W}numId")
                lvl = num.find(f"{_W}ilvl")
                num_id = nid.get(f"{_W}val") if nid is not None else None
                ilvl = int(lvl.get(f"{_W}val", "0")) if lvl is not None else 0
            elif (style := ppr.find(f"{_W}pStyle")) is not None:
                num_id, ilvl = self.style_num.get(style.get(f"{_W}val", ""), (None, 0))
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, {})
        start = levels.get(ilvl, ("decimal", "", 1))[2]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels.get(ilvl, ("decimal", "", 1))
        if fmt in ("none", "bullet"):
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            n = counters.get(level, levels.get(level, ("decimal", "", 1))[2])
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            return to_chinese(n) if level_fmt in _CHINESE_FORMATS else str(n)

        return re.sub(r"%(\d)", value, text)
