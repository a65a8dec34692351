"""Seeing through characters that print as nothing, or as a star.

Pasted web and chat text carries zero-width spaces, word joiners, BOMs and soft hyphens; a blank
typed as `*`, U+200B, `*` prints as `**` on paper but is not `**` to a regular expression. Some
input methods give lookalike stars (∗ ⁎ ✱) instead of `*`. `fold` removes the invisible
characters and turns the lookalikes into `*`, keeping a map back to the original, so a rule
matches on the folded text while positions, context and fixes still refer to what the writer
typed. Text without such characters (nearly all) is returned as is, at the cost of one search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Format (Cf) and other invisible characters: soft hyphen, combining grapheme joiner, Arabic
# letter mark, Hangul fillers, Khmer/Mongolian invisibles, zero-width space/joiners and marks,
# bidi embeddings and isolates, word joiner and invisible operators, variation selectors, BOM,
# interlinear annotation, tag characters.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff"
)
# Characters that print as an asterisk: ∗ ⁎ ✱ ✲ ✳ ✻ ✼ ✽ ⋆ ﹡ ⚹ (＊ is matched by the rules as is).
STARS = "\u2217\u204e\u2731\u2732\u2733\u273b\u273c\u273d\u22c6\ufe61\u26b9"
_FOLDABLE = re.compile(f"[{INVISIBLE}{STARS}]")
_STAR_SET = frozenset(STARS)


@dataclass
class Folded:
    """The folded text and how to map its positions back to the original."""

    original: str
    text: str
    # Folded positions at which original characters were removed (sorted, repeated per removal).
    _removed_at: list[int] = field(default_factory=list)
    # Folded positions of characters that were lookalike stars.
    _stars_at: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text is not self.original

    def _shift(self, position: int) -> int:
        """Removed characters at folded positions <= position."""
        return bisect_right(self._removed_at, position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded [start, end): invisible characters inside are included,
        those just before or after are not."""
        if not self._removed_at:
            return start, end
        if end <= start:
            at = start + self._shift(start)
            return at, at
        return start + self._shift(start), (end - 1) + self._shift(end - 1) + 1

    def hidden(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """The invisible characters and the lookalike stars (each listed once) in the original
        span of folded [start, end)."""
        ostart, oend = self.span(start, end)
        inside = self.original[ostart:oend]
        hidden = [ch for ch in dict.fromkeys(inside) if _FOLDABLE.match(ch) and ch not in _STAR_SET]
        stars = [ch for ch in dict.fromkeys(inside) if ch in _STAR_SET]
        return hidden, stars


def fold(text: str) -> Folded:
    """Fold `text` (see the module's docstring); the identity when it holds nothing to fold."""
    if _FOLDABLE.search(text) is None:
        return Folded(text, text)
    pieces: list[str] = []
    removed: list[int] = []
    stars: list[int] = []
    last = 0
    folded_len = 0
    for m in _FOLDABLE.finditer(text):
        start = m.start()
        chunk = text[last:start]
        pieces.append(chunk)
        folded_len += len(chunk)
        ch = m.group()
        if ch in _STAR_SET:
            stars.append(folded_len)
            pieces.append("*")
            folded_len += 1
        else:
            removed.append(folded_len)
        last = m.end()
    pieces.append(text[last:])
    return Folded(text, "".join(pieces), removed, stars)
