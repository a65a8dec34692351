"""Putting WordprocessingML children where the schema puts them.

The ECMA-376 schema fixes the order of the children of a paragraph's, run's and section's
properties (`ind` before `jc`, `b` before `sz` …). Word is known to drop properties that come out
of order, so a property added by drafter is inserted before the first sibling that must follow it,
never appended. The sequences below are copied from the schema's complex types (CT_PPrBase,
EG_RPrBase, CT_Style, CT_SectPr, CT_Settings, CT_Font); tests/test_ooxml_valid.py checks the result
with the published XSDs."""

from __future__ import annotations

from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
# CT_ParaRPr (a paragraph mark's run properties) starts with the revision marks; CT_RPr does not
# have them, so one sequence serves both.
_RPR = (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
)
_STYLE = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
)
_SECTPR = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType "
    "cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
)
_FONT = "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic embedBoldItalic"
# A run and a paragraph: their properties first, then their content in any order.
_FIRST = {"r": "rPr", "p": "pPr"}
SEQUENCES: dict[str, list[str]] = {
    "pPr": _PPR.split(),
    "rPr": _RPR.split(),
    "style": _STYLE.split(),
    "sectPr": _SECTPR.split(),
    "font": _FONT.split(),
    **{parent: [first] for parent, first in _FIRST.items()},
}
_RANKS = {parent: {name: i for i, name in enumerate(seq)} for parent, seq in SEQUENCES.items()}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(parent: Any, tag: str, **attrs: str) -> Any:
    """The `w:<tag>` child of `parent`, created in its schema position if missing; `attrs`
    (local names in the w namespace) are set on it."""
    el = parent.find(w(tag))
    if el is None:
        el = parent.makeelement(w(tag), {})
        insert(parent, el)
    for name, value in attrs.items():
        el.set(w(name), value)
    return el


def insert(parent: Any, el: Any) -> None:
    """Insert `el` before the first child of `parent` that the schema places after it."""
    ranks = _RANKS[_local(parent.tag)]
    rank = ranks[_local(el.tag)]
    for index, sibling in enumerate(parent):
        other = ranks.get(_local(sibling.tag))
        if other is not None and other > rank:
            parent.insert(index, el)
            return
        if other is None and _local(parent.tag) in _FIRST:  # content follows the properties
            parent.insert(index, el)
            return
    parent.append(el)


def remove(parent: Any, tag: str) -> None:
    el = parent.find(w(tag))
    if el is not None:
        parent.remove(el)


def repair_settings(settings: Any) -> None:
    """python-docx's own template (and so many generated files, reference documents among them)
    writes `w:zoom` without the percentage the schema requires; 100 is what Word assumes."""
    zoom = settings.find(w("zoom"))
    if zoom is not None and zoom.get(w("percent")) is None:
        zoom.set(w("percent"), "100")
