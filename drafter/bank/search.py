"""Searching the bank as a writer types: Hanzi, full pinyin, initials, a mix, or with a typo.

Each kind of key (lower-cased texts, full pinyin, initials) is one long string with the entries
joined by newlines; `str.find` runs through it at C speed and a bisect maps a hit back to its
entry. Tiers rank exact and substring hits above pinyin hits, and those above fuzzy ones; a lower
tier only runs when the higher ones have not filled the page, which keeps a keystroke cheap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import accumulate

from drafter.bank.keys import PinyinKeys, query_keys
from drafter.bank.model import Entry, SearchHit

Accept = Callable[[int], bool] | None
# Enough candidates per tier to rank well, few enough that a one-letter query stays instant.
CANDIDATES = 300
FUZZY_CANDIDATES = 120
SCAN_BUDGET = 2500
_VOWELS = frozenset("aeiouv")
FUZZY_MIN_RATIO = 60.0


def make_filter(
    entries: list[Entry],
    category: str | None,
    tags: list[str] | None,
    role: str | None,
    genre: str | None,
) -> Accept:
    """A predicate over entry indexes, or None when nothing is filtered."""
    if not (category or tags or role or genre):
        return None
    wanted_tags = set(tags or ())

    def accept(i: int) -> bool:
        e = entries[i]
        if category and e.category != category:
            return False
        if role and e.role != role:
            return False
        if genre and genre not in e.genres:
            return False
        return not wanted_tags or not wanted_tags.isdisjoint(e.tags)

    return accept


def _join(parts: list[str]) -> tuple[str, list[int]]:
    starts = [0, *accumulate(len(p) + 1 for p in parts)][:-1] if parts else []
    return "\n".join(parts), starts


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


class SearchIndex:
    """The joined key strings of one bank and the search over them."""

    def __init__(self, entries: list[Entry], keys: list[PinyinKeys]) -> None:
        self.entries = entries
        self.keys = keys
        self.lower = [e.text.lower() for e in entries]
        self.text, self.text_starts = _join(self.lower)
        self.full, self.full_starts = _join([k.full for k in keys])
        self.initials, self.initial_starts = _join([k.initials for k in keys])
        self._ids = {e.id: i for i, e in enumerate(entries)}
        self._offsets: dict[int, list[int]] = {}

    # -- scanning ---------------------------------------------------------------------------

    def _scan(
        self,
        corpus: str,
        starts: list[int],
        needle: str,
        accept: Accept,
        cap: int,
        check: Callable[[int, int], bool] | None = None,
    ) -> dict[int, int]:
        """Entries whose key contains `needle`: index → offset of the first acceptable match.

        Stops after `cap` entries, or after looking at SCAN_BUDGET occurrences, so that a short
        query found everywhere (gz inside gongzuo) costs no more than a long one."""
        found: dict[int, int] = {}
        if not needle or not starts:
            return found
        find = corpus.find
        n = len(starts)
        end = len(corpus)
        budget = SCAN_BUDGET
        pos = find(needle)
        while pos != -1:
            budget -= 1
            if budget < 0:
                break
            i = bisect_right(starts, pos) - 1
            next_start = starts[i + 1] if i + 1 < n else end
            if accept is not None and not accept(i):
                pos = find(needle, next_start)
                continue
            local = pos - starts[i]
            if check is None or check(i, local):
                found[i] = local
                if len(found) >= cap:
                    break
                pos = find(needle, next_start)
            else:
                pos = find(needle, pos + 1)
        return found

    def _char_offsets(self, i: int) -> list[int]:
        """Offset in the full-pinyin string at which each character's key starts (plus the end)."""
        offsets = self._offsets.get(i)
        if offsets is None:
            offsets = [0, *accumulate(self.keys[i].lengths)]
            self._offsets[i] = offsets
        return offsets

    def _on_syllable(self, i: int, local: int) -> bool:
        offsets = self._char_offsets(i)
        k = bisect_right(offsets, local) - 1
        return offsets[k] == local and self.keys[i].lengths[k : k + 1] != b"\x00"

    # -- the search -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        category: str | None = None,
        tags: list[str] | None = None,
        role: str | None = None,
        genre: str | None = None,
    ) -> list[SearchHit]:
        accept = make_filter(self.entries, category, tags, role, genre)
        q = " ".join(query.split()).lower()
        if limit <= 0:
            return []
        if not q:
            chosen = [i for i in range(len(self.entries)) if accept is None or accept(i)][:limit]
            return [SearchHit(self.entries[i], 0.0, [], "all") for i in chosen]
        scored: dict[int, tuple[float, str, int, int]] = {}  # i → (score, how, start, length)

        def offer(i: int, score: float, how: str, start: int, length: int) -> None:
            if i not in scored or scored[i][0] < score:
                scored[i] = (score, how, start, length)

        exact_id = self._ids.get(query.strip())
        if exact_id is not None and (accept is None or accept(exact_id)):
            offer(exact_id, 100.0, "exact", 0, 0)

        # Tier 1: the text itself.
        for i, local in self._scan(self.text, self.text_starts, q, accept, CANDIDATES).items():
            size = len(self.lower[i])
            if size == len(q):
                offer(i, 100.0, "exact", local, len(q))
            else:
                offer(i, 90.0 + 5.0 * (local == 0) + 4.0 * len(q) / size, "text", local, len(q))

        has_hanzi = any(_is_hanzi(ch) for ch in q)
        letters = "".join(ch for ch in q if ch.isascii() and ch.isalnum())
        if len(scored) < limit and (letters or has_hanzi):
            if has_hanzi:
                full, initials = query_keys(q)
            else:
                full = initials = letters
            # Tier 2: full pinyin, starting on a syllable (liangge, liang ge que li, 两个确力).
            # Every syllable has a vowel: a query of consonants only (lgql) is initials alone.
            if full and not _VOWELS.isdisjoint(full):
                for i, local in self._scan(
                    self.full, self.full_starts, full, accept, CANDIDATES, self._on_syllable
                ).items():
                    size = len(self.keys[i].full)
                    offer(i, 70.0 + 5.0 * (local == 0) + 4.0 * len(full) / size, "pinyin", local, len(full))
            # Tier 3: initials (lgql, sgzx), and mixed queries (两个ql).
            if initials and (not has_hanzi or letters) and initials.isalpha():
                for i, local in self._scan(self.initials, self.initial_starts, initials, accept, CANDIDATES).items():
                    size = len(self.keys[i].initials)
                    score = 60.0 + 5.0 * (local == 0) + 4.0 * len(initials) / size
                    offer(i, score, "initials", local, len(initials))

        # Tier 4: a wrong character (两个确文): shared bigrams, then rapidfuzz on the few.
        if len(scored) < limit and has_hanzi:
            self._fuzzy(q, accept, offer)

        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        return [self._hit(i, q, *info) for i, info in ranked]

    def _fuzzy(self, q: str, accept: Accept, offer: Callable[..., None]) -> None:
        compact = q.replace(" ", "")
        if len(compact) < 3:
            return
        grams = {compact[k : k + 2] for k in range(len(compact) - 1)}
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(self._scan(self.text, self.text_starts, gram, accept, 2000).keys())
        need = max(1, len(grams) - 2)
        candidates = [i for i, c in counts.most_common(FUZZY_CANDIDATES) if c >= need]
        if not candidates:
            return
        from rapidfuzz import fuzz

        for i in candidates:
            alignment = fuzz.partial_ratio_alignment(compact, self.lower[i])
            if alignment is not None and alignment.score >= FUZZY_MIN_RATIO:
                start, end = alignment.dest_start, alignment.dest_end
                # ≤ 50: below every pinyin hit; shorter texts first among equals.
                score = 0.48 * alignment.score + 2.0 * len(compact) / max(len(self.lower[i]), 1)
                offer(i, score, "fuzzy", start, end - start)

    def _hit(self, i: int, q: str, score: float, how: str, start: int, length: int) -> SearchHit:
        entry = self.entries[i]
        spans: list[tuple[int, int]] = []
        if how in ("exact", "text") and length:
            text = self.lower[i]
            pos = text.find(q)
            while pos != -1:
                spans.append((pos, pos + len(q)))
                pos = text.find(q, pos + len(q))
        elif how == "pinyin":
            offsets = self._char_offsets(i)
            first = bisect_right(offsets, start) - 1
            last = bisect_right(offsets, start + length - 1) - 1
            spans.append((first, last + 1))
        elif how == "initials":
            chars = [k for k, n in enumerate(self.keys[i].lengths) if n]
            spans.append((chars[start], chars[start + length - 1] + 1))
        elif how == "fuzzy" and length:
            spans.append((start, start + length))
        return SearchHit(entry, round(score, 2), spans, how)
