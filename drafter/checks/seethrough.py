"""Every rule sees through invisible characters; the writer is told they are there.

Pasted web and chat text carries zero-width spaces, word joiners, BOMs and soft hyphens, and
some input methods give lookalike stars. A rule written for `再接再励` or `**` must still match
`再接`, U+200B, `再励` or `∗∗`. The engine therefore folds a document once, before any family
runs (drafter/textfold.py holds the fold and its offset map), gives every family the folded
text, and places each hit back in the original: positions, context and the span a fix replaces
are the writer's own characters. A hit whose span holds such a character says so, and a fix
that replaces the span says that it deletes them (an invisible character just outside the span
is neither part of the finding nor touched by the fix).

A document without anything to fold (nearly all) costs one scan of its text and is passed on
as it is.
"""

from __future__ import annotations

from dataclasses import replace

from drafter.checks.model import Hit
from drafter.document import Document
from drafter.textfold import Folded, fold


def folded_view(doc: Document) -> tuple[Document, Folded | None]:
    """The document the families should read, and the map back (None: nothing was folded).

    Newlines are never folded, so lines, their locations (页眉, 表格…) and the draft tree keep
    their numbering; only the characters inside a line move."""
    folded = fold(doc.text)
    if not folded.changed:
        return doc, None
    return replace(doc, text=folded.text, _line_starts=None, _draft=None), folded


def place(hit: Hit, folded: Folded) -> Hit:
    """`hit`, found on the folded text, moved onto the original and told what it hides."""
    hidden, stars = folded.hidden(hit.start, hit.end)
    hit.start, hit.end = folded.span(hit.start, hit.end)
    notes = []
    if hidden:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in hidden)
        if hit.suggestion is not None:
            tail = "，按建议改正时一并删去"
        elif hit.rule.startswith("placeholder."):
            tail = "，Word 打印出来仍是空白"
        else:
            tail = "，打印出来看不见，检索和复制时会出错"
        notes.append(f"其中夹有不可见字符 {codes}{tail}")
    if stars:
        notes.append(f"用的是形似星号的字符 {''.join(stars)}")
    if notes:
        hit.message += f"（{'；'.join(notes)}）"
    return hit
