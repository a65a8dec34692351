"""Fixed formulations quoted wrongly: known wrong forms, items out of order, an item missing or
altered, the wrong verb before a quoted formulation.

Everything comes from data: the wrong→right pairs of `rules/misquotes.yaml` (and a team's), and for
the rest the phrase bank's `formulation` entries (`items`, `collocation`, `misquotes`), so a team
that adds a formulation to its bank gets all four checks for it without code."""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.checks.literals import RareCharIndex, longest_first_pattern
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import entry_str, entry_strings
from drafter.document import Document
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from drafter.checks.currency import DraftYear
    from drafter.checks.registry import FamilyContext

MISQUOTE = RuleInfo("formulation.misquote", Severity.ERROR, "规范表述的常见错误写法（谈国理政、抗在肩上……）", True)
ORDER = RuleInfo("formulation.order", Severity.ERROR, "并列要素的顺序有误（政治意识、核心意识、大局意识……）", True)
ITEMS = RuleInfo("formulation.items", Severity.ERROR, "并列要素缺少一项或写错一项", True)
COLLOCATION = RuleInfo("formulation.collocation", Severity.ERROR, "搭配的动词有误（坚定“四个意识”）", True)
NEARMISS = RuleInfo("formulation.nearmiss", Severity.ERROR, "规范表述错了一个字（中国特设社会主义、四个自性）", False)

# What may stand between two items of a list: 、，and the like, or nothing (不敢腐不能腐不想腐).
_SEPARATOR = re.compile(r"[、，,]?|和|与|及|以及")
_NAME_WINDOW = 40  # characters either side of a list in which its name must stand
_QUOTED = re.compile(r"“([^”]{1,12})”")
# An unknown list element: a short run of Hanzi (an altered item) between separators.
_ELEMENT = re.compile(r"[\u4e00-\u9fff]{1,10}")


@dataclass(frozen=True)
class _Formulation:
    id: str
    text: str
    items: tuple[str, ...]
    collocation: str | None
    name: str | None  # the quoted name in its text: 四个意识
    misquotes: tuple[str, ...] = ()
    since: int | None = None  # the year it took this form: a text of an earlier year quotes it otherwise
    severity: tuple[tuple[str, str], ...] = ()  # the bank entry's (form, severity) pairs


@dataclass(frozen=True)
class _Pair:
    wrong: str
    right: str
    note: str
    exceptions: tuple[str, ...]

    @staticmethod
    def bare(wrong: str) -> _Pair:
        return _Pair(wrong, "", "", ())


def _literal_pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(longest_first_pattern(words))


class FormulationFamily:
    """Rule family `formulation`."""

    name = "formulation"

    def __init__(self, context: FamilyContext | None = None) -> None:
        from drafter.checks.registry import make_context

        self._context = context or make_context()
        self._ready = False
        self._nearmiss = None
        self._years = None  # a CurrencyFamily, for the draft's year
        self._wording_wrong: tuple[str, ...] = ()
        self._lock = threading.Lock()  # the editor checks from worker threads

    def _prepare(self) -> None:
        """Build the matchers from the bank on the first check: listing the rules or building an
        engine that never checks must not read the phrase bank."""
        if self._ready:
            return
        with self._lock:
            if not self._ready:
                self._build()
                self._ready = True

    def _build(self) -> None:
        entries = self._context.bank_entries()
        self.formulations = [f for f in map(_from_entry, entries) if f is not None]
        verbs: dict[str, set[str]] = {}
        for f in self.formulations:
            if f.name and f.collocation:
                verbs.setdefault(f.name, set()).add(f.collocation)
        self.allowed_verbs = verbs
        self.known_verbs = {v for vs in verbs.values() for v in vs}
        listed = [f for f in self.formulations if len(f.items) >= 2]
        self._listed = listed
        self._since: dict[str, int] = {f.id: f.since for f in self.formulations if f.since}
        # Printed forms of a list that are not it misquoted (`real_forms` in rules/formulations.yaml).
        self._real_forms: set[str] = set()
        self._item_owner: dict[str, list[tuple[int, int]]] = {}
        for fi, f in enumerate(listed):
            for ii, item in enumerate(f.items):
                self._item_owner.setdefault(item, []).append((fi, ii))
        self._item_re = _literal_pattern(list(self._item_owner)) if self._item_owner else None
        self._group_re = None
        self._item_index: RareCharIndex | None = None
        self._max_separator = 2
        if self._item_re is not None:
            items = self._item_re.pattern
            # A list whose every item carries the same lead in the bank's text (必须坚持人民至上、
            # 必须坚持自信自立……): the lead after a mark is part of the separator.
            leads = sorted({lead for f in listed if (lead := _item_lead(f))}, key=len, reverse=True)
            sep = _SEPARATOR.pattern
            if leads:
                sep = f"[、，,](?:{'|'.join(map(re.escape, leads))})|{sep}"
            self._group_re = re.compile(f"(?:{items})(?:{sep})?(?:{items})(?:(?:{sep})?(?:{items}))*")
            # The longest separator a run may hold between two items (`_item_clusters`).
            self._max_separator = max([2, *(1 + len(lead) for lead in leads)])
        self._graded_forms: dict[str, Severity] = {}
        self._graded_whole: dict[str, Severity] = {}
        for f in self.formulations:
            for form, level in f.severity:
                if form:
                    self._graded_forms.setdefault(form, Severity(level))
                else:
                    self._graded_whole[f.id] = Severity(level)
                    if f.name:
                        self._graded_whole.setdefault("“" + f.name + "”", Severity(level))
        self.pairs = self._pairs()
        self._pair_by_wrong = {p.wrong: p for p in self.pairs}
        self._pair_re = _literal_pattern([p.wrong for p in [*self.pairs, *map(_Pair.bare, self._unpaired)]]) or None
        self._listed_names = self._names()
        self._colloc_re = None
        self.wrong_verbs = self._wrong_verbs()
        self._bare_colloc, self._bare_colloc_re = self._bare_collocation_data()
        if verbs:
            candidates = self.known_verbs | {v for vs in self.wrong_verbs.values() for v in vs}
            self._colloc_re = re.compile(
                f"(?P<verb>{longest_first_pattern(candidates)})“(?P<name>{longest_first_pattern(verbs)})”"
            )

    def rules(self) -> list[RuleInfo]:
        return [MISQUOTE, ORDER, ITEMS, COLLOCATION, NEARMISS]

    # -- data -------------------------------------------------------------------------------

    def _pairs(self) -> list[_Pair]:
        pairs: dict[str, _Pair] = {}
        data = self._context.rule_data("misquotes", key="wrong", legacy="misquotes")
        for item in data.entries:
            wrong = entry_str(data, item, "wrong")
            right = entry_str(data, item, "right")
            assert wrong is not None and right is not None
            note = entry_str(data, item, "note", required=False) or ""
            pairs[wrong] = _Pair(wrong, right, note, tuple(entry_strings(data, item, "except")))
        # The bank's own misquotes name no right form: those that are an order or a verb slip are
        # left to those rules; the rest are reported with the formulation for reference, and no
        # replacement is ever derived from them (a guessed right form once deleted half a phrase).
        self._unpaired: dict[str, _Formulation] = {}
        for f in self.formulations:
            for wrong in f.misquotes:
                if any(w in wrong for w in pairs) or self._is_collocation_form(wrong) or self._is_order_form(f, wrong):
                    continue  # an explicit pair (with its right form) or another rule covers it
                self._unpaired.setdefault(wrong, f)
        return list(pairs.values())

    def _is_collocation_form(self, wrong: str) -> bool:
        """The misquote holds a known verb before a quoted name it does not go with."""
        for m in re.finditer(r"“([^”]+)”", wrong):
            allowed = self.allowed_verbs.get(m.group(1))
            if allowed and any(wrong[: m.start()].endswith(v) and v not in allowed for v in self.known_verbs):
                return True
        return False

    def _is_order_form(self, f: _Formulation, wrong: str) -> bool:
        """The misquote holds two or more of the formulation's items out of order."""
        found = [m.group() for m in self._item_re.finditer(wrong)] if self._item_re is not None else []
        indexes = [f.items.index(x) for x in found if x in f.items]
        return len(indexes) >= 2 and indexes != sorted(indexes)

    def _wrong_verbs(self) -> dict[str, set[str]]:
        """Verbs known to be wrong before a quoted name beyond those the bank's collocations
        imply (狠抓“四风”: 四风 is to be curbed, not strengthened), from `wrong_verbs` of
        `rules/formulations.yaml`, keyed by the formulation's quoted name."""
        by_id = {f.id: f.name for f in self.formulations if f.name}
        out: dict[str, set[str]] = {}
        data = self._context.rule_data("formulations", key="formulation")
        for entry in data.entries:
            name = by_id.get(entry_str(data, entry, "formulation") or "")
            if name:
                out.setdefault(name, set()).update(entry_strings(data, entry, "wrong_verbs"))
        return out

    def _bare_collocation_data(self) -> tuple[dict[str, tuple[str, set[str]]], re.Pattern[str] | None]:
        """A formulation quoted without a name whose bank text opens with its verb (一体推进不敢腐、
        不能腐、不想腐): the verbs `rules/formulations.yaml` lists as wrong for it, before the rest
        of its text written exactly (统筹推进不敢腐、不能腐、不想腐)."""
        by_id = {f.id: f for f in self.formulations if not f.name and f.collocation}
        out: dict[str, tuple[str, set[str]]] = {}
        data = self._context.rule_data("formulations", key="formulation")
        for entry in data.entries:
            f = by_id.get(entry_str(data, entry, "formulation") or "")
            if f is None or not f.collocation or not f.text.startswith(f.collocation):
                continue
            body = f.text[len(f.collocation) :]
            wrong = set(entry_strings(data, entry, "wrong_verbs")) - {f.collocation}
            if len(body) >= 4 and wrong:
                out[body] = (f.collocation, wrong)
        # The texts are found by their body, a literal (C-speed search); the verb is read before it.
        return out, (re.compile(longest_first_pattern(out)) if out else None)

    def _bare_collocations(self, text: str) -> Iterator[Hit]:
        assert self._bare_colloc_re is not None
        for m in self._bare_colloc_re.finditer(text):
            body = m.group()
            right, wrong = self._bare_colloc[body]
            for verb in wrong:
                if text.startswith(verb, m.start() - len(verb)) and m.start() >= len(verb):
                    message = f"“{body}”的搭配动词是“{right}”，不是“{verb}”"
                    yield Hit(COLLOCATION.id, m.start() - len(verb), m.start(), message, right)
                    break

    def _names(self) -> dict[int, tuple[str, ...]]:
        """For each listed formulation, the names it goes by: its quoted name, that of every bank
        formulation with the same items, and those of `rules/formulations.yaml`."""
        by_items: dict[tuple[str, ...], set[str]] = {}
        by_id: dict[str, tuple[str, ...]] = {}
        for f in self.formulations:
            by_id[f.id] = f.items
            if f.name and f.items:
                by_items.setdefault(f.items, set()).add(f.name)
        data = self._context.rule_data("formulations", key="formulation")
        for entry in data.entries:
            ident = entry_str(data, entry, "formulation") or ""
            if ident in by_id:
                by_items.setdefault(by_id[ident], set()).update(entry_strings(data, entry, "names"))
            self._real_forms.update(entry_strings(data, entry, "real_forms"))
            since = entry.get("since")
            if since is not None:
                if not isinstance(since, int) or isinstance(since, bool) or not 1900 <= since <= 2100:
                    raise DataFileError(data.where(entry), f"'{ident}' 的 since 应是年份，如 2012")
                self._since[ident] = since
        return {
            fi: tuple(sorted(by_items.get(f.items, ()), key=len, reverse=True)) for fi, f in enumerate(self._listed)
        }

    # -- checking ---------------------------------------------------------------------------

    def _check(self, doc: Document, active: Set[str], year: int | None) -> Iterator[Hit]:
        text = doc.text
        if MISQUOTE.id in active and self._pair_re is not None:
            yield from self._misquotes(text)
        if (ORDER.id in active or ITEMS.id in active) and self._item_re is not None:
            yield from self._lists(text, active, year)
        if COLLOCATION.id in active and self._colloc_re is not None:
            yield from self._collocations(text)
        if COLLOCATION.id in active and self._bare_colloc_re is not None:
            yield from self._bare_collocations(text)

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        self._prepare()
        year = self._year_of(doc)
        hits = list(self._check(doc, active, year))
        if self._graded_forms or self._graded_whole:
            hits = [self._grade(hit, doc.text) for hit in hits]
        yield from hits
        if NEARMISS.id in active or ITEMS.id in active:
            # One slip, one finding: a known wrong form or a list finding already covers its span.
            from drafter.checks.nearmiss import build_index, near_misses

            with self._lock:
                if self._nearmiss is None:
                    self._nearmiss = build_index(self._context, self.formulations)
                    # A known wrong word inside a near miss (因地治宜) is wording's finding, with
                    # its right form: one slip, one finding (when wording runs and reports it).
                    wording = self._context.rule_data("wording", key="wrong")
                    self._wording_wrong = tuple(
                        str(e["wrong"]) for e in wording.entries if isinstance(e.get("wrong"), str)
                    )
            for hit in near_misses(
                self._nearmiss,
                doc.text,
                hits,
                nearmiss_active=NEARMISS.id in active,
                items_active=ITEMS.id in active,
                skip_terms=self._older_lists(year),
            ):
                out = self._grade(hit, doc.text) if self._graded_forms else hit
                if hit.rule == NEARMISS.id and any(w in doc.text[hit.start : hit.end] for w in self._wording_wrong):
                    out.defer_to = "wording"  # dropped by the engine where wording reports the word
                yield out

    def _grade(self, hit: Hit, text: str) -> Hit:
        """Lower a hit to the severity its bank entry gives the deviation found (a form it names,
        or the entry as a whole). A hit that is not sure loses its replacement: a writer decides,
        `check --fix` never rewrites it."""
        level = None
        for form, sev in self._graded_forms.items():
            if form in text[hit.start : hit.end] or _inside(text, hit.start, hit.end, form):
                level = sev
                break
        if level is None:
            level = hit.severity
        if level is None or level is Severity.ERROR:
            return hit
        message = hit.message + "（这种写法也有出处，只作提醒，是否改动请斟酌）"
        return Hit(hit.rule, hit.start, hit.end, message, None, level)

    def _misquotes(self, text: str) -> Iterator[Hit]:
        assert self._pair_re is not None
        for m in self._pair_re.finditer(text):
            pair = self._pair_by_wrong.get(m.group())
            if pair is None:
                f = self._unpaired[m.group()]
                message = f"“{m.group()}”不是规范表述，规范表述是“{f.text}”，请核对改正"
                yield Hit(MISQUOTE.id, m.start(), m.end(), message, None, self._graded_whole.get(f.id))
                continue
            if pair.exceptions and any(_inside(text, m.start(), m.end(), e) for e in pair.exceptions):
                continue
            note = f"（{pair.note}）" if pair.note else ""
            yield Hit(MISQUOTE.id, m.start(), m.end(), f"“{pair.wrong}”应为“{pair.right}”{note}", pair.right)

    def _collocations(self, text: str) -> Iterator[Hit]:
        assert self._colloc_re is not None
        for m in self._colloc_re.finditer(text):
            verb, name = m.group("verb"), m.group("name")
            allowed = self.allowed_verbs[name]
            if verb in allowed:
                continue
            if verb not in self.known_verbs and verb not in self.wrong_verbs.get(name, ()):
                continue  # a verb listed as wrong only with other names: not known to be wrong here
            whole = self._graded_whole.get(f"“{name}”")
            message = f"“{name}”的搭配动词是“{'”或“'.join(sorted(allowed))}”，不是“{verb}”"
            # 做到“两个确立”: 做到 goes with “两个维护”, so the name may be the slip rather than the
            # verb. Then both readings are named and nothing is replaced.
            rivals = sorted(
                other for other, verbs in self.allowed_verbs.items() if verb in verbs and other[:2] == name[:2]
            )
            if rivals or len(allowed) != 1:
                if rivals:
                    message += f"；“{verb}”搭配的是“{'”“'.join(rivals)}”，请核对是动词还是名称写错了"
                yield Hit(COLLOCATION.id, m.start(), m.end(), message, None, whole)
            else:
                yield Hit(COLLOCATION.id, m.start(), m.end(), message, f"{next(iter(allowed))}“{name}”", whole)

    def _older_lists(self, year: int | None) -> frozenset[str]:
        """The bank's lists that had not taken their form by `year`: a 2007 report's 奢侈浪费 is
        no near miss of the 四风 of 2013."""
        if year is None:
            return frozenset()
        return frozenset("、".join(f.items) for f in self.formulations if f.items and self._since.get(f.id, 0) > year)

    def _year_of(self, doc: Document) -> int | None:
        """The year the draft is written for (its date line, title, setting), when any formulation
        is dated: a 2008 report lists four constructions, not the 五位一体 of 2012."""
        when = self.draft_year(doc)
        return None if when is None or when.source == "今天" else when.year

    def draft_year(self, doc: Document) -> DraftYear | None:
        """currency's DraftYear of `doc`, or None when no formulation is dated (nothing to read);
        a big file checked in parts reads it once from the whole text and hands it to each part."""
        self._prepare()
        if not self._since:
            return None
        with self._lock:
            if self._years is None:
                from drafter.checks.currency import CurrencyFamily

                self._years = CurrencyFamily(self._context)
        return self._years.draft_year(doc)

    def _lists(self, text: str, active: Set[str], year: int | None = None) -> Iterator[Hit]:
        """Find runs of two or more items with only separators between them (one regex, so the
        many lone items of ordinary prose never reach Python) and judge each against its
        formulation."""
        assert self._item_re is not None and self._group_re is not None
        item_finditer = self._item_re.finditer
        group_finditer = self._group_re.finditer
        for lo, hi in self._item_clusters(text):
            for run in group_finditer(text, lo, hi):
                group = list(item_finditer(text, run.start(), run.end()))
                if len(group) >= 2:
                    yield from self._judge(group, text, active, year)

    def _item_clusters(self, text: str) -> Iterator[tuple[int, int]]:
        """Stretches of the text where two or more items stand at most a separator apart: the
        only places a run can be. The run regex, tried at every character that opens an item,
        cost 3 ms per 5 MB for each list of the bank (0.37 s on 10 MB with the lists of round 7);
        the items' automaton finds every occurrence in one pass and the regex runs only here:
        0.13 s, the same matches (a run is items and separators, so it lies inside one stretch;
        the same runs on every corpus file and on the 10 MB benchmark text)."""
        if self._item_index is None:
            self._item_index = RareCharIndex(self._item_owner)
        spans = sorted((start, end) for start, end, _ in self._item_index.finditer(text))
        gap = self._max_separator
        lo = hi = -1
        count = 0
        for start, end in spans:
            if count and start <= hi + gap:
                hi = max(hi, end)
                count += 1
                continue
            if count >= 2:
                yield lo, hi
            lo, hi, count = start, end, 1
        if count >= 2:
            yield lo, hi

    def _judge(self, group: list[re.Match[str]], text: str, active: Set[str], year: int | None) -> Iterator[Hit]:
        # The formulation most of the group's items belong to.
        votes: dict[int, int] = {}
        for m in group:
            for fi, _ in self._item_owner[m.group()]:
                votes[fi] = votes.get(fi, 0) + 1
        fi, count = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
        if count < 2:
            return
        f = self._listed[fi]
        since = self._since.get(f.id)
        if since is not None and year is not None and year < since:
            return  # the text is older than this form of the formulation
        whole = self._graded_whole.get(f.id)
        if whole is not None:
            for hit in self._judge_items(f, fi, group, text, active):
                hit.severity = whole
                yield hit
            return
        yield from self._judge_items(f, fi, group, text, active)

    def _judge_items(
        self, f: _Formulation, fi: int, group: list[re.Match[str]], text: str, active: Set[str]
    ) -> Iterator[Hit]:
        members = [m for m in group if any(o == fi for o, _ in self._item_owner[m.group()])]
        indexes = [f.items.index(m.group()) for m in members]
        if len(set(indexes)) != len(indexes):
            return
        start, end = members[0].start(), members[-1].end()
        if text[start:end] in self._real_forms:
            return  # 减污降碳扩绿增长: an established compound joined to the rest, printed so
        whole = len(indexes) == len(f.items)
        named = self._named(fi, text, start, end)
        if indexes != sorted(indexes):
            # Loose words that share items with a formulation (构建开放创新生态, 经支部委员会、
            # 支部党员大会讨论通过, 全面从严治党与全面深化改革、全面依法治国) are not a quotation of
            # it: reported only when the list is whole or named, put in order only when both.
            if ORDER.id in active and (whole or named):
                ordered = sorted(members, key=lambda m: f.items.index(m.group()))
                pieces, last = [], start
                for slot, item in zip(members, ordered, strict=True):
                    pieces.append(text[last : slot.start()])
                    pieces.append(item.group())
                    last = slot.end()
                fixed = "".join(pieces)
                # Quote what the draft has: the entry's own text is in the right order already.
                named_as = f"（{_label(f)}）" if f.name else ""
                message = f"“{text[start:end]}”{named_as}的顺序应为：{'、'.join(f.items)}"
                if not whole:
                    # One finding with both reasons: out of order and short of an item.
                    lacking = "”“".join(i for k, i in enumerate(f.items) if k not in indexes)
                    message += f"，且少了“{lacking}”"
                if whole and named:
                    yield Hit(ORDER.id, start, end, message, fixed)
                else:
                    yield Hit(ORDER.id, start, end, message + "（未写明表述名称或不完整，不自动改正）", None)
            return
        missing = [k for k in range(len(f.items)) if k not in indexes]
        if whole and ITEMS.id in active:
            extra = _extra_item(text, end, f.items)
            if extra is not None:
                x_start, x_end = extra
                message = f"{_label(f)}只有{'、'.join(f.items)}这{len(f.items)}项，“{text[x_start:x_end]}”不在其中"
                yield Hit(ITEMS.id, start, x_end, message, None)
            return
        if ITEMS.id not in active or len(missing) != 1 or len(f.items) < 3:
            return
        # An altered item: a similar element where the missing one should stand.
        lack = f.items[missing[0]]
        altered = self._altered_element(text, members, indexes, missing[0], lack)
        if altered is not None:
            a_start, a_end = altered
            span = (min(start, a_start), max(end, a_end))
            message = f"{_label(f)}中“{text[a_start:a_end]}”应为“{lack}”"
            sure = self._named(fi, text, span[0], span[1])
            yield Hit(
                ITEMS.id,
                span[0],
                span[1],
                message if sure else message + "（未写明表述名称，不自动改正）",
                text[span[0] : a_start] + lack + text[a_end : span[1]] if sure else None,
            )
            return
        if len(indexes) == len(f.items) - 1 and _closed(text, start, end) and not _said_apart(text, start, end, lack):
            yield Hit(ITEMS.id, start, end, f"{_label(f)}少了“{lack}”：应为{'、'.join(f.items)}", None)

    def _named(self, fi: int, text: str, start: int, end: int) -> bool:
        """The formulation's name (四个意识, “四风”, 新发展理念) stands in the same paragraph,
        close to the list: then the list is a quotation of it."""
        names = self._listed_names.get(fi, ())
        if not names:
            return False
        lo = max(text.rfind("\n", 0, start) + 1, start - _NAME_WINDOW)
        hi = text.find("\n", end)
        hi = min(len(text) if hi == -1 else hi, end + _NAME_WINDOW)
        window = text[lo:start] + "\u3000" + text[end:hi]
        return any(name in window for name in names)

    def _altered_element(
        self, text: str, members: list[re.Match[str]], indexes: list[int], missing: int, lack: str
    ) -> tuple[int, int] | None:
        """Where the missing item should stand (between its neighbours, or at an end), look for a
        short element similar to it: 奢侈之风 for 奢靡之风, 政治执行能力 for 政治执行力."""
        before = [m for m, k in zip(members, indexes, strict=True) if k < missing]
        after = [m for m, k in zip(members, indexes, strict=True) if k > missing]
        spots: list[int] = []
        if before:
            spots.append(before[-1].end())
        if after and not before:
            spots.append(max(0, after[0].start() - 12))
        for spot in spots:
            window = text[spot : spot + 14]
            # The last item joined by 和/及/与 (……工作纪律和财经纪律) as well as by a mark.
            sep = re.match(r"[、，]|以及|[和及与]", window)
            if not sep:
                if after and not before:
                    m = re.search(
                        rf"([\u4e00-\u9fff]{{1,10}})[、，]{re.escape(after[0].group())}", text[spot : after[0].end()]
                    )
                    if m:
                        a_start = spot + m.start(1)
                        a_end = spot + m.end(1)
                        if _similar(text[a_start:a_end], lack):
                            return a_start, a_end
                continue
            element = _ELEMENT.match(text, spot + sep.end())
            if element is None:
                continue
            candidate = element.group()
            nxt = after[0].group() if after else None
            if nxt and nxt in candidate:
                candidate = candidate[: candidate.index(nxt)]
            if candidate in lack.split("、"):
                continue  # 对党忠诚 of 对党忠诚、不负人民: half the item is there, the other half is altered
            if candidate and _similar(candidate, lack) and candidate != lack:
                return element.start(), element.start() + len(candidate)
        return None


def _extra_item(text: str, end: int, items: tuple[str, ...]) -> tuple[int, int] | None:
    """An element of the items' own shape added after a whole list (政治判断力、政治领悟力、
    政治执行力、政治创造力; ……文化自信、历史自信): the items share an opening or an ending of two
    or more characters, and the element after 、 has it and their length."""
    if not text.startswith("、", end):
        return None
    prefix = _common(items)
    suffix = _common(tuple(i[::-1] for i in items))[::-1]
    if len(prefix) < 2 and len(suffix) < 2:
        return None
    size = len(items[-1])
    m = _ELEMENT.match(text, end + 1)
    if m is None:
        return None
    candidate = text[end + 1 : end + 1 + size]
    if len(prefix) >= 2 and candidate.startswith(prefix) and (len(suffix) < 1 or candidate.endswith(suffix)):
        pass
    elif len(suffix) >= 2 and candidate.endswith(suffix):
        pass
    else:
        return None
    if candidate in items or len(candidate) != size or not _ELEMENT.fullmatch(candidate):
        return None
    after = text[end + 1 + size : end + 2 + size]
    if after and _ELEMENT.match(after):
        return None  # the element runs on: 政治执行力、政治能力建设 is another phrase
    return end + 1, end + 1 + size


def _item_lead(f: _Formulation) -> str | None:
    """The words the bank's text puts before every item of a list (必须坚持 in 必须坚持人民至上、
    必须坚持自信自立……), or None."""
    leads = set()
    for item in f.items:
        at = f.text.find(item)
        if at == -1:
            return None
        cut = max(f.text.rfind(c, 0, at) for c in "、，；。")
        leads.add(f.text[cut + 1 : at])
    lead = leads.pop() if len(leads) == 1 else ""
    return lead if 2 <= len(lead) <= 4 else None


def _common(words: tuple[str, ...]) -> str:
    first = words[0]
    k = 0
    while k < len(first) and all(len(w) > k and w[k] == first[k] for w in words):
        k += 1
    return first[:k]


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.5


def _closed(text: str, start: int, end: int) -> bool:
    """A list that does not go on (党小组会和党课, ……享乐主义等), nor begins earlier with an element
    of its own (全面建成小康社会、全面深化改革、……: the first item is there, written otherwise): then a
    missing item is missing."""
    after = text[end : end + 2]
    return not after.startswith(("和", "及", "与", "、", "等", "以及")) and text[start - 1 : start] != "、"


def _said_apart(text: str, start: int, end: int, lack: str) -> bool:
    """The missing item stands elsewhere in the list's sentence: 把生态文明建设放在突出地位，融入经济
    建设、政治建设、文化建设、社会建设各方面 (the fifth is the sentence's subject). For an item of two
    parts (坚持真理、坚守理想), one part is enough: the other is then written wrong, not missing."""
    lo = max(text.rfind(c, max(0, start - 200), start) for c in "。！？；\n") + 1
    his = [p for p in (text.find(c, end, end + 200) for c in "。！？；\n") if p != -1]
    sentence = text[lo:start] + "\n" + text[end : min(his) if his else end + 200]
    return any(part in sentence for part in lack.split("、") if len(part) >= 2)


def _inside(text: str, start: int, end: int, longer: str) -> bool:
    lo = max(0, end - len(longer))
    pos = text.find(longer, lo, start + len(longer))
    return pos != -1 and pos <= start and pos + len(longer) >= end


def _label(f: _Formulation) -> str:
    return f"“{f.name}”" if f.name else f"“{f.text}”"


def _from_entry(entry: object) -> _Formulation | None:
    if getattr(entry, "kind", None) != "formulation":
        return None
    text = entry.text  # type: ignore[attr-defined]
    quoted = _QUOTED.search(text)
    return _Formulation(
        id=entry.id,  # type: ignore[attr-defined]
        text=text,
        items=tuple(entry.items),  # type: ignore[attr-defined]
        collocation=entry.collocation,  # type: ignore[attr-defined]
        name=quoted.group(1) if quoted else None,
        misquotes=tuple(entry.misquotes),  # type: ignore[attr-defined]
        since=getattr(entry, "since", None),
        severity=tuple(getattr(entry, "severity", ())),
    )
