"""Checks that know what year it is (`currency.*`, warnings): the slips that survive when last
year's speech is reused — an anniversary with last year's number, a plan period named current after
it ended, a finished campaign presented as under way, last year's meeting left in the opening.

The draft's year comes from the draft itself first — its date line, then a year in its title — then
its sidecar (the template's `year`), then `--year` / the config's `[check] year`, else today. The
facts (founding years, plan periods, campaigns and the words that make a mention current or
historical) are data: `rules/currency.yaml`, layered like every rule file, plus the phrase bank's
formulations that carry `until`. References to the past (回顾“十四五”时期, 2021年以来, 巩固拓展……成果)
are never flagged: every rule looks for a sign that the text speaks of the present.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import numerals
from drafter.checks.literals import longest_first_pattern
from drafter.checks.model import Hit, RuleInfo, Severity
from drafter.checks.ruledata import RuleData, entry_str, entry_strings
from drafter.document import Document
from drafter.errors import DataFileError

if TYPE_CHECKING:
    from drafter.checks.registry import FamilyContext

ANNIVERSARY = RuleInfo(
    "currency.anniversary", Severity.WARNING, "纪念日的周年数与文稿年份不符（2026年写“建党104周年”）"
)
PLAN = RuleInfo("currency.plan", Severity.WARNING, "规划期与文稿年份不符（2026年写“今年是‘十四五’收官之年”）")
ENDED = RuleInfo("currency.ended", Severity.WARNING, "已结束的集中教育或专项行动写成正在开展")
COPIED_YEAR = RuleInfo("currency.copied-year", Severity.WARNING, "开头写的是上一年的会议（沿用旧稿未改）")
LATEST = RuleInfo(
    "currency.latest", Severity.WARNING, "把较早的全会写成“最近召开的”（2026年写“最近召开的二十届三中全会”）"
)
# A plenum presented as the latest one: 最近召开的党的二十届三中全会.
_CHAIN_BEFORE = r"(?:贯彻|落实|领会)(?:落实)?(?:党的)?(?:十[一二三四五六七八九]大|二十大)和(?:党的)?"
_LATEST_BEFORE = r"(?:最近|近期|刚刚|不久前|前不久|日前)(?:胜利)?(?:召开|闭幕|举行)的(?:党的)?"

_CN_DIGITS = "〇零一二三四五六七八九十百"
_NUMBER = rf"(?:\d{{1,3}}|[{_CN_DIGITS}]{{1,5}})"
_CLAUSE_END = "。；！？\n"
_WINDOW = 200  # a clause longer than this is not one a speech has
# A four-digit year (2021年, 二〇二一年) in the same clause makes a mention historical.
_EXPLICIT_YEAR = re.compile(r"((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年(?!度?以来)")
_OPENING_YEAR = re.compile(r"(?:^|(?<=[，：]))((?:19|20)\d{2})年，")
_DATE_IN_LINE = re.compile(
    r"((?:19|20)\d{2}|[一二〇零0][〇零0一二三四五六七八九]{3})年\s*([\d一二三四五六七八九十〇]{1,3})月"
)
# (A speaker's name may stand before it on its line: 集团总经理 韩立新（2027年1月15日）; a subtitle
# gives it after its dash: ——2025年1月20日在厦门市第十六届人民代表大会第五次会议上.)
_HEAD_DATE = re.compile(
    r"[ \t\u3000]*(?:[^\n，。；！？、：（(“]{1,24}?[ \t\u3000]*)?"
    r"(?:[（(]|——)((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年([\d一二三四五六七八九十〇]{1,3})月"
    r"[\d一二三四五六七八九十〇]{1,3}日"
)
# A date alone on its line under a title (2027年01月08日, 2027年1月15日（星期五）): the text's date.
_BARE_HEAD_DATE = re.compile(
    r"[ \t\u3000]*((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年([\d一二三四五六七八九十〇]{1,3})月"
    r"[\d一二三四五六七八九十〇]{1,3}日(?:[（(，, \t\u3000]*(?:星期|周)[一二三四五六日天][）)]?)?[ \t\u3000]*"
)
_SINCE_NOW = re.compile(r"(?:今年|本年|年初|当年)以来")
_YEAR_SINCE = re.compile(r"((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年以来")
# A plan period as a paragraph's own framing: “十四五”时期，… / “十四五”以来 / “十四五”期间, where
# the paragraph begins (回顾“十四五”时期, 在“十四五”期间), not a plan named later in its first line.
_FRAMING_AT = 16
_PLAN_FRAMING = re.compile(r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?(?:时期|期间|以来|这五年)")
_PART_PUNCT = re.compile(r"[。，；：！？,;:!?]")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年")  # 二〇二六年度 too
_PLAN_NAME = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")
_WHICH_YEAR = r"(?P<when>今年|本年|明年|(?:19|20)\d{2}年)"
_STAGE = (
    r"(?P<stage>开局之年|收官之年|起步之年|决胜之年|攻坚之年|关键之年|承上启下之年|关键一年|重要一年|攻坚一年|"
    r"(?:规划)?(?:实施的)?第(?P<nth>[一二三四五六七八九十\d])年)"
)
# A speech given at an earlier anniversary, quoted: 总书记在庆祝……100周年大会上的重要讲话.
_REFERENCE_AFTER = re.compile(
    r"[^，。；！？\n]{0,12}?(?:重要讲话|重要论述|贺信|回信|之际发表)|大会[、等和]|大会特别是|大会上"
)
_REFERENCE_BEFORE = re.compile(r"(?:总书记|主席|同志|中央)在[^，。；！？\n]*$")
# A phrase that presents a campaign as under way, right before its name: 当前正在开展的.
_UNDER_WAY = re.compile(r"(?:当前|目前|现在)?正在[\u4e00-\u9fff]{0,4}的$")
# Round 8: the anniversary's own event told in the same sentence (……周年之际，党中央隆重举行庆祝大会，
# 习近平同志发表重要讲话): a reference to that year, as 在……周年大会上的重要讲话 is.
_EVENT_SPEECH = re.compile(r"(?:举行|召开)[^。；！？\n]{0,8}?(?:庆祝|纪念)大会[^。；！？\n]{0,20}?发表[了]?重要讲话")
# A later anniversary named as a goal: 到建党一百周年的时候, 到新中国成立一百年时 (the word follows).
_TARGET_BEFORE = re.compile(r"(?:到|至|等到|直到)$")
_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"} | {str(i): str(i) for i in range(10)}
_NOW = ("今年", "本年", "今天", "当前", "目前", "正在", "全年", "这一年")
_MEETING = re.compile(
    r"(?:召开|举行|举办|组织召开|隆重召开|开好|开展)[^，。；！？\n\d]{0,12}?(?P<year>(?:19|20)\d{2})年(?P<annual>度)?"
    r"[^，。；！？\n]{0,30}?(?:会议|会|大会|培训班|研讨班|读书班|述职评议)"
)

# One sentence reviews one year's work and deploys the next: 总结2025年工作……部署2027年重点任务 (the
# years must follow each other).
_REVIEW_DEPLOY = re.compile(  # (opens on the literal 总结, which the search finds fast; 回顾总结 has it)
    r"总结[^，。；！？\n\d]{0,4}?(?P<review>(?:19|20)\d{2})年度?的?工作[^。；！？\n\d]{0,30}?"
    r"(?:部署|安排)[^，。；！？\n\d]{0,4}?(?P<plan>(?:19|20)\d{2})年度?的?(?:工作|重点工作|重点任务|目标任务|任务)"
)
# Round 7: the annual meeting a text prepares (开好2025年度民主生活会) in a text dated after March:
# the one being prepared is this year's.
_PREPARE_ANNUAL = re.compile(
    r"开好(?P<year>(?:19|20)\d{2})年度(?:党员领导干部|领导班子|党支部)?(?:专题)?(?:民主生活会|组织生活会)"
)
# Round 7: a Spring Festival wish naming the year's animal (恭祝大家马年吉祥).
# (It opens on the literal 年, which the search finds fast; the animal before it is read back.)
_ZODIAC_WISH = re.compile(r"年(?:吉祥|大吉|快乐|新春|春节|如意|行大运)")

# An ended plan period named as a goal still to reach: 为实现“十四五”规划目标任务提供坚强保障 (the
# search opens on the literal 十; the verb and the purpose before it are looked back at).
# Round 7: the goals the plan set (确保高质量完成“十四五”规划确定的目标任务), and a sectoral plan of the
# period whose set goals the year's work is still aimed at (围绕“十四五”综合交通运输发展规划确定的目标).
_PLAN_GOAL = re.compile(
    r"(?P<plan>十(?<=实现[“\"]十|完成[“\"]十|围绕[“\"]十)[一二三四五六七八九]五)[”\"]"
    r"(?:规划|(?P<sector>[\u4e00-\u9fff]{2,12}?规划)(?=确定的|提出的))?(?:确定的|提出的)?的?(?:目标任务|各项目标|目标)"
)
_GOAL_LEAD = re.compile(r"(?:为|确保|奋力|努力|全力)(?:全面|高质量|圆满|如期)?$")

# This year's work carried out as last year's meeting deployed it: 今年以来，……落实集团2025年工作会议部署.
_THIS_YEAR_MEETING = re.compile(
    r"今年(?:以来)?[^。；！？\n]{0,40}?(?:落实|贯彻)[^，。；！？\n\d]{0,12}?(?P<year>(?:19|20)\d{2})年"
    r"[^，。；！？\n\d]{0,8}?工作会议?(?:部署|精神|要求)"
)


@dataclass(frozen=True)
class Anniversary:
    name: str
    founded: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Plenum:
    name: str
    held: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class DraftYear:
    """The year a draft is written for, and where it was read from (for the message)."""

    year: int
    source: str  # 日期行, 标题, 题注, 草稿信息, 设置, 今天
    early: bool = False  # dated January to March: the text may still review the year before


class CurrencyFamily:
    """Rule family `currency`."""

    name = "currency"

    def __init__(
        self,
        context: FamilyContext | None = None,
        *,
        year: int | None = None,
        bank_entries: list[object] | None = None,
        today: dt.date | None = None,
    ) -> None:
        from drafter.checks.registry import make_context

        self.context = context or make_context(bank_entries=bank_entries)
        self.configured_year = year if year is not None else self.context.config.year
        self.today = today
        data = self.context.rule_data("currency")
        self.anniversaries, self.plans, campaigns, self.plenums = _read_entries(data)
        names = sorted({w for p in self.plenums for w in p.words}, key=len, reverse=True)
        self._plenum_by_name = {w: p for p in self.plenums for w in p.words}
        self._latest_re = re.compile(rf"{_LATEST_BEFORE}(?P<name>{'|'.join(map(re.escape, names))})") if names else None
        # The guiding chain names the latest plenum: 深入贯彻党的二十大和二十届三中全会精神.
        self._chain_re = (
            re.compile(rf"{_CHAIN_BEFORE}(?P<name>{'|'.join(map(re.escape, names))})精神") if names else None
        )
        self.ongoing, self.past = tuple(data.strings("ongoing")), tuple(data.strings("past"))
        # After the name: ……学习教育正在深入推进.
        self.ongoing_after = tuple(data.strings("ongoing_after"))
        # A paragraph that opens by looking back (过去一年, 五年来): what it lists is the review.
        self.review = tuple(data.strings("review"))
        self._campaigns: dict[str, int] | None = None
        self._ended_by_year: dict[int, re.Pattern[str] | None] = {}
        self._data_campaigns = campaigns
        words = sorted({w for a in self.anniversaries for w in a.words}, key=len, reverse=True)
        self._anniv_re = re.compile(
            rf"(?P<word>{longest_first_pattern(words)})[^，。；！？\n\d]{{0,3}}?(?P<n>{_NUMBER})\s*周年"
        )
        self._by_word = {w: a for a in self.anniversaries for w in a.words}
        self._plan_re = re.compile(
            rf"{_WHICH_YEAR}[，,]?(?:是|为|作为)?[^，。；！？\n]{{0,4}}?[“\"](?P<plan>十[一二三四五六七八九]五)[”\"]"
            rf"[^，。；！？\n]{{0,6}}?{_STAGE}"
        )
        self._current_plan_re = re.compile(
            r"(?:当前|目前|现在|眼下)[^，。；！？\n]{0,4}?(?:正)?(?:处于|处在|进入)[^，。；！？\n]{0,4}?"
            r"[“\"](?P<plan>十[一二三四五六七八九]五)[”\"]"
        )
        self._plan_by_name = {p.name: p for p in self.plans}
        # The twelve animals in order, the first being the one of the year `zodiac_from` (2020: 鼠).
        self.zodiac = tuple(data.strings("zodiac"))
        self.zodiac_from = int(data.settings.get("zodiac_from", 2020))

    def rules(self) -> list[RuleInfo]:
        return [ANNIVERSARY, PLAN, ENDED, COPIED_YEAR, LATEST]

    # -- the draft's year ---------------------------------------------------------------------

    def draft_year(self, doc: Document) -> DraftYear:
        """The year `doc` is written for: its date line, its title, its sidecar, the setting, today."""
        if isinstance(doc.whole_year, DraftYear):
            return doc.whole_year  # a part of a big file: the whole file's year
        draft = doc.draft
        lines = draft.lines
        for number in reversed(draft.lines_of("date")):
            year, month = _year_of(lines[number - 1])
            if year:
                return DraftYear(year, "日期行", month is not None and month <= 3)
        title = draft.title
        if title:
            m = _TITLE_YEAR.search(title)
            year = _four_digits(m.group(1)) if m else None
            if year:
                return DraftYear(year, "标题")
        # The date under a speech's title, with what follows it: （2007年10月21日……大会通过）,
        # （一九五六年九月十六日在……上的报告）. Only among the first lines, where a 题注 stands.
        shown = 0
        for line in lines[:12]:
            if not line.strip():
                continue
            m = _HEAD_DATE.match(line) or _BARE_HEAD_DATE.fullmatch(line.rstrip("\r"))
            if m:
                year = _four_digits(m.group(1))
                if year:
                    return DraftYear(year, "题注", (_number(m.group(2)) or 12) <= 3)
            shown += 1
            if shown >= 6:
                break
        sidecar = _sidecar_year(doc.path)
        if sidecar:
            return DraftYear(sidecar, "草稿信息")
        if self.configured_year:
            return DraftYear(self.configured_year, "设置")
        return DraftYear((self.today or dt.date.today()).year, "今天")

    # -- checking -----------------------------------------------------------------------------

    def check(self, doc: Document, active: Set[str]) -> Iterator[Hit]:
        text = doc.text
        if not text.strip():
            return
        when = self.draft_year(doc)
        reviews = self._review_sections(doc, when)
        if ANNIVERSARY.id in active:
            yield from self._anniversaries(text, when, reviews)
        if PLAN.id in active:
            yield from self._plan_periods(text, when)
        if ENDED.id in active:
            yield from self._ended(text, when, reviews)
        if COPIED_YEAR.id in active:
            yield from self._copied_year(doc, when)
        if LATEST.id in active and self._latest_re is not None:
            yield from self._latest(text, when, reviews)

    def _latest(self, text: str, when: DraftYear, reviews: list[tuple[int, int, int]]) -> Iterator[Hit]:
        """A plenum called the latest one when a later one was held before the draft's year (a
        plenum counts as known from the year after it: a late-2025 draft may not know it yet)."""
        known = [p for p in self.plenums if p.held < when.year]
        if not known:
            return
        latest = max(known, key=lambda p: p.held)
        for m in self._latest_re.finditer(text):
            plenum = self._plenum_by_name[m.group("name")]
            if plenum.held < latest.held:
                yield Hit(
                    LATEST.id,
                    m.start("name"),
                    m.end("name"),
                    f"最近一次全会是{latest.name}（{latest.held}年），{plenum.name}是{plenum.held}年召开的（文稿为{when.year}年）",
                    None,
                )
        if self._chain_re is None or when.early or when.source == "今天":
            return  # a January report reviews last year, when that plenum was the latest
        for m in self._chain_re.finditer(text):
            plenum = self._plenum_by_name[m.group("name")]
            if plenum.held < latest.held and not any(lo <= m.start() < hi for lo, hi, _ in reviews):
                yield Hit(
                    LATEST.id,
                    m.start("name"),
                    m.end("name"),
                    f"贯彻的应是最近的全会精神：{latest.name}已于{latest.held}年召开，这里仍写{plenum.name}"
                    f"（可写“二十届历次全会精神”；文稿为{when.year}年，按{when.source}）",
                    None,
                )

    def _review_sections(self, doc: Document, when: DraftYear) -> list[tuple[int, int, int]]:
        """Character ranges of the parts whose heading looks back, with how many years:
        `一、2023年工作回顾` in a 2024 report (one year), `一、过去五年的工作` (five), or an unnumbered
        part title such as `2023年工作回顾` on a line of its own, up to the next part title. A
        government work report or a congress report lists last year's campaigns there."""
        draft = doc.draft
        starts = doc.line_starts
        found: list[tuple[int, int, int]] = []
        for section in draft.walk():
            back = self._looks_back(section.heading.title, when)
            if not back and section.level == 1:
                back = self._intro_looks_back(draft, section)
            if back:
                hi = starts[section.end - 1] if section.end - 1 < len(starts) else len(doc.text)
                found.append((starts[section.line - 1], hi, back))
        # Unnumbered part titles: a short line without sentence punctuation, outside the title block.
        titles = [
            i
            for i, line in enumerate(draft.lines)
            if draft.kinds[i] == "paragraph" and 0 < len(line.strip()) <= 20 and not _PART_PUNCT.search(line)
        ]
        for k, i in enumerate(titles):
            back = self._looks_back(draft.lines[i], when)
            if back:
                end = titles[k + 1] if k + 1 < len(titles) else len(draft.lines)
                found.append((starts[i], starts[end] if end < len(starts) else len(doc.text), back))
        return found

    def _intro_looks_back(self, draft: Any, section: Any) -> int:
        """Years a part looks back over when, among its first paragraphs, a short line announces a
        review (`一、保持定力……` then `一年来的主要工作和成效：`): the part lists that year's work,
        as a heading that says 回顾 would. Only a line ending in a colon: a sentence is not a title."""
        lines = draft.lines
        for i in range(section.line, min(section.line + 3, section.end - 1)):
            line = lines[i].strip()
            if 0 < len(line) <= 24 and line[-1] in "：:":
                return max((_review_span(w) for w in self.review if line.startswith(w)), default=0)
        return 0

    def _looks_back(self, title: str, when: DraftYear) -> int:
        """Years a heading looks back over: its own year before the draft's (2023年工作回顾), or back
        to the start of a plan period that has ended (“十四五”时期和2025年工作回顾 in 2026: five),
        else the span of a review word in it (过去五年 five, 新时代十年 ten); 0 when it does not."""
        years = [y for y in map(_four_digits, _EXPLICIT_YEAR.findall(title)) if y]
        reviewing = "回顾" in title or "工作" in title
        spans = [when.year - y for y in years if y < when.year and reviewing]
        if reviewing or "时期" in title or "以来" in title:
            spans += self._ended_plan_spans(title, when)
        if years or spans:
            return max(spans, default=0)
        return max((_review_span(w) for w in self.review if w in title), default=0)

    def _ended_plan_spans(self, text: str, when: DraftYear) -> list[int]:
        """For each plan period named in `text` that ended before the draft's year, the years back to
        its start: a 2026 text that looks back on “十四五” looks back over 2021–2025."""
        return [when.year - p.start for p in self.plans if p.end < when.year and p.name in text]

    def _opening_span(self, opening: str, when: DraftYear) -> int:
        """Years a paragraph's opening looks back over: a review word (五年来, 回顾), an ended plan
        period as its framing (“十四五”时期，…), a year it runs from (2021年以来，…)."""
        spans = [_review_span(w) for w in self.review if w in opening]
        if _PLAN_FRAMING.search(opening, 0, _FRAMING_AT):
            spans += self._ended_plan_spans(opening, when)
        for m in _YEAR_SINCE.finditer(opening):
            year = _four_digits(m.group(1))
            if year and year < when.year:
                spans.append(when.year - year)
        return max(spans, default=0)

    def _review_years(
        self, text: str, start: int, end: int, when: DraftYear, reviews: Sequence[tuple[int, int, int]] = ()
    ) -> int:
        """How many years back the paragraph around a mention looks (过去一年… 1, 五年来… 5), when it
        opens by looking back — or its section's heading does — and the mention's own sentence says
        nothing of now; else 0. What a review lists may have happened in those years, not in the
        draft's own."""
        line_start = text.rfind("\n", 0, start) + 1
        opening = text[line_start : min(start, line_start + 40)]
        spans = [back for lo, hi, back in reviews if lo <= start < hi]
        opened = self._opening_span(opening, when)
        if opened:
            spans.append(opened)
        sentence_start, _ = _clause(text, start, end)
        # The mention's own sentence opens with the year it runs from: 2021年以来，集团先后开展了……
        since = _YEAR_SINCE.match(text, sentence_start)
        if since and (year := _four_digits(since.group(1))) and year < when.year:
            spans.append(when.year - year)
        if not spans:
            return 0
        if any(w in text[sentence_start:start] for w in _NOW):
            return 0
        return max(spans)

    def _anniversaries(self, text: str, when: DraftYear, reviews: list[tuple[int, int, int]]) -> Iterator[Hit]:
        # Each anniversary with its number and its sentence, found once for every test below.
        found = [(m, _number(m.group("n")), _clause(text, m.start(), m.end())) for m in self._anniv_re.finditer(text)]
        history = self._history_sentences(found)
        for m, n, sentence in found:
            if n is None:
                continue
            if sentence in history:
                continue  # 开展庆祝……七十周年、……九十周年、……四十周年等活动: a history of several years
            if _EVENT_SPEECH.search(text, m.end(), sentence[1]):
                continue  # ……四十周年之际，党中央隆重举行庆祝大会，习近平同志发表重要讲话: that year's event
            anniversary = self._by_word[m.group("word")]
            clause_start, clause_end = _clause(text, m.start(), m.end(), soft=True)
            before = text[clause_start : m.start()]
            after = text[m.end() : clause_end]
            explicit = _EXPLICIT_YEAR.findall(before)
            if not explicit:  # 2021年，我们隆重庆祝……: a year that opens the sentence
                opener = _EXPLICIT_YEAR.match(text, sentence[0])
                if opener is None:
                    # 同志们，2027年，新中国迎来……: a year that opens the clause before, after a
                    # salutation, names the year as much as one that opens the sentence.
                    opener = _last(_OPENING_YEAR.finditer(text, sentence[0], m.start()))
                explicit = [opener.group(1)] if opener else []
            year = _four_digits(explicit[-1]) if explicit else when.year
            if year is None or _REFERENCE_AFTER.match(after) or _REFERENCE_BEFORE.search(before):
                continue  # 总书记在……周年大会上的重要讲话: a reference to that year's speech
            back = 0 if explicit else self._review_years(text, m.start(), m.end(), when, reviews)
            sentence_start = sentence[0]
            if not explicit and when.source == "今天" and not any(w in text[sentence_start : m.start()] for w in _NOW):
                continue  # the draft states no year: only a clause that says "this year" is sure enough
            expected = {year - k - anniversary.founded for k in range(back + 1)}
            # 今年是……周年 in a January report speaks of the new year, not of the one reviewed.
            if not explicit and when.early and "今年" not in text[sentence_start : m.start()]:
                expected.add(year - 1 - anniversary.founded)  # a January report reviews last year
            if re.search(r"迎接|喜迎|献礼|迎来", before):
                expected.add(year + 1 - anniversary.founded)
            if n in expected:
                continue
            right = year - anniversary.founded
            if n > right and _TARGET_BEFORE.search(before):
                continue  # 到建党一百周年的时候: a goal set for a later anniversary, not this year's
            digits = m.group("n")
            fixed = str(right) if digits.isdigit() else numerals.to_chinese(right)
            source = "" if explicit else f"（按{when.source}，文稿为{when.year}年）"
            yield Hit(
                ANNIVERSARY.id,
                m.start("n"),
                m.end("n"),
                f"{year}年是{anniversary.name}{right}周年，这里写的是{n}周年{source}",
                fixed,
            )

    def _history_sentences(
        self, found: list[tuple[re.Match[str], int | None, tuple[int, int]]]
    ) -> set[tuple[int, int]]:
        """Sentences that name three or more anniversaries falling in three or more different years.

        A text speaking of its own year names anniversaries of that one year (今年是建党105周年，也是
        新中国成立77周年); a sentence whose anniversaries fell in several years recounts history (the
        2021 resolution: 开展庆祝中国共产党成立一百周年、中华人民共和国成立七十周年、……建军九十周年、
        改革开放四十周年……等活动). One slip among a year's anniversaries leaves two years: still checked."""
        years: dict[tuple[int, int], set[int]] = {}
        counts: dict[tuple[int, int], int] = {}
        for m, n, sentence in found:
            if n is None:
                continue
            years.setdefault(sentence, set()).add(self._by_word[m.group("word")].founded + n)
            counts[sentence] = counts.get(sentence, 0) + 1
        return {s for s, ys in years.items() if counts[s] >= 3 and len(ys) >= 3}

    def _plan_periods(self, text: str, when: DraftYear) -> Iterator[Hit]:
        for m in self._plan_re.finditer(text):
            plan = self._plan_by_name.get(m.group("plan"))
            if plan is None:
                continue
            said = m.group("when")
            year = when.year + 1 if said == "明年" else (int(said[:4]) if said[0].isdigit() else when.year)
            stage = m.group("stage")
            problem = _plan_problem(plan, year, stage, m.group("nth"))
            if problem:
                source = "" if said[0].isdigit() else f"（按{when.source}，文稿为{when.year}年）"
                yield Hit(PLAN.id, m.start(), m.end(), f"{problem}{source}", None)
        for m in _PLAN_GOAL.finditer(text):
            plan = self._plan_by_name.get(m.group("plan"))
            if plan is None or plan.end >= when.year - (1 if when.early else 0):
                continue
            aimed = text[m.start() - 3 : m.start() - 1] == "围绕"  # 围绕 says the aim by itself
            if not aimed and not _GOAL_LEAD.search(text, max(0, m.start() - 9), m.start() - 3):
                continue
            if when.source == "今天":
                continue  # a text that states no year may be an old one: its goals were its own
            clause_start, clause_end = _clause(text, m.start(), m.end())
            # (The verb before the name is not read as a past word: 完成“十四五”规划目标 is a goal.)
            rest = text[clause_start : m.start() - 3] + text[m.end() : clause_end]
            if any(w in rest for w in self.past) or "了" in text[m.end() : clause_end]:
                continue  # 为实现“十四五”规划目标任务作出了贡献: the review
            lead = None if aimed else _GOAL_LEAD.search(text, max(0, m.start() - 9), m.start() - 3)
            yield Hit(
                PLAN.id,
                lead.start() if lead else m.start() - 3,
                m.end(),
                f"“{plan.name}”是{plan.start}—{plan.end}年，{when.year}年已不能作为要实现的目标（按{when.source}）",
                None,
            )
        for m in self._current_plan_re.finditer(text):
            plan = self._plan_by_name.get(m.group("plan"))
            if plan is not None and not plan.start <= when.year <= plan.end:
                yield Hit(
                    PLAN.id,
                    m.start(),
                    m.end(),
                    f"“{plan.name}”是{plan.start}—{plan.end}年，{when.year}年不在其中（按{when.source}）",
                    None,
                )

    def _ended(self, text: str, when: DraftYear, reviews: list[tuple[int, int, int]]) -> Iterator[Hit]:
        pattern = self._ended_pattern(when.year)
        if pattern is None:
            return
        ended = self.campaigns()  # every name the pattern matches ended before when.year
        for m in pattern.finditer(text):
            name = m.group()
            clause_start, clause_end = _clause(text, m.start(), m.end(), soft=True)
            before = text[clause_start : m.start()]
            after = text[m.end() : clause_end]
            if not any(w in before for w in self.ongoing) and not any(w in after for w in self.ongoing_after):
                continue
            if when.source == "今天" and not any(
                w in text[_clause(text, m.start(), m.end())[0] : m.start()] for w in _NOW
            ):
                continue  # the draft states no year: only a clause that says "now" is sure enough
            # 今年以来 speaks of now: its 以来 is not the 以来 of 2021年以来.
            present = _SINCE_NOW.sub("", before)
            if any(w in present or w in after for w in self.past) or _EXPLICIT_YEAR.search(before):
                continue
            if any(f"{w}了" in before for w in self.ongoing):
                continue  # 全党开展了……学习教育: the verb's 了 tells what was done, not what is under way
            if ended[name] >= when.year - self._review_years(text, m.start(), m.end(), when, reviews):
                continue  # 过去一年… in a January report: the campaign of the year under review
            # The words that present it as under way, just before the name, are part of the slip
            # (当前正在开展的深入贯彻……学习教育): the finding covers them.
            cue = _ongoing_cue(before)
            yield Hit(
                ENDED.id,
                m.start() - cue,
                m.end(),
                f"“{name}”已于{ended[name]}年结束，{when.year}年的文稿不宜写作正在开展"
                f"（可写“巩固拓展……成果”或作为回顾；按{when.source}）",
                None,
            )

    def _copied_year(self, doc: Document, when: DraftYear) -> Iterator[Hit]:
        if when.source == "今天":
            return  # without a year the draft states, last year's meeting may be just what it is
        if not when.early:
            # 今年以来，……落实集团2025年工作会议部署 in a 2026 text: this year's work was deployed
            # at this year's meeting. A January report may still speak of last year's.
            for m in _THIS_YEAR_MEETING.finditer(doc.text):
                said = int(m.group("year"))
                if said == when.year - 1:
                    yield Hit(
                        COPIED_YEAR.id,
                        m.start("year"),
                        m.end("year") + 1,
                        f"“今年”落实的应是{when.year}年的工作会议，这里写的是{said}年（按{when.source}）："
                        "是否沿用了去年的稿子？",
                        None,
                    )
        for m in _REVIEW_DEPLOY.finditer(doc.text):
            review, plan = int(m.group("review")), int(m.group("plan"))
            if plan - review != 1 and plan == when.year:
                yield Hit(
                    COPIED_YEAR.id,
                    m.start("review"),
                    m.end("review") + 1,
                    f"部署的是{plan}年的任务，总结的应是{plan - 1}年的工作，这里写的是{review}年：是否沿用了旧稿？",
                    None,
                )
        seen: set[int] = set()  # the opening's years reported, not reported again below
        draft = doc.draft
        first_body = draft.body_start
        kinds = draft.kinds
        opening = [i for i in range(min(first_body - 1, len(kinds))) if kinds[i] in ("paragraph", "front")][:3]
        starts = doc.line_starts
        for i in opening:
            line = draft.lines[i]
            for m in _MEETING.finditer(line):
                said = int(m.group("year"))
                # A 年度 meeting held early in the year reviews the year before: 2026年度 in January 2027.
                latest = when.year - 1 if (m.group("annual") and when.early) else when.year
                if said != latest - 1:
                    continue
                if m.group("annual") and not self._annual_year_known(draft, when):
                    continue  # 在2023年……述职评议会上: its 2022年度 may be right, held before spring
                offset = starts[i] + m.start("year")
                seen.add(offset)
                yield Hit(
                    COPIED_YEAR.id,
                    offset,
                    offset + 4,
                    f"开头写的是召开{said}年{'度' if m.group('annual') else ''}的会议，文稿是{when.year}年的"
                    f"（按{when.source}）：是否沿用了去年的讲话稿？",
                    str(latest),
                )

        if when.source in ("日期行", "题注") and not when.early:
            for m in _PREPARE_ANNUAL.finditer(doc.text):
                said = int(m.group("year"))
                if said < when.year and m.start("year") not in seen:
                    yield Hit(
                        COPIED_YEAR.id,
                        m.start("year"),
                        m.end("year") + 2,
                        f"要开好的应是{when.year}年度的会议，这里写的是{said}年度（按{when.source}，文稿为{when.year}年）："
                        "是否沿用了去年的稿子？",
                        str(when.year) + "年度",
                    )
        yield from self._zodiac(doc.text, when)

    def _zodiac(self, text: str, when: DraftYear) -> Iterator[Hit]:
        """A festival wish names the animal of the Spring Festival ahead: a text dated January to
        March (or titled with its year) wishes for that year's, one dated later may wish for this
        year's or the next. Another animal is last year's greeting kept (恭祝大家马年吉祥 in 2027)."""
        if len(self.zodiac) != 12 or when.source not in ("日期行", "题注", "标题") or "年" not in text:
            return

        def animal(year: int) -> str:
            return self.zodiac[(year - self.zodiac_from) % 12]

        expected = {animal(when.year)}
        if not when.early and when.source != "标题":
            expected.add(animal(when.year + 1))
        for m in _ZODIAC_WISH.finditer(text):
            said = text[m.start() - 1] if m.start() else ""
            if said in expected or said not in self.zodiac:
                continue
            right = animal(when.year) if len(expected) == 1 else None
            year = "或".join(sorted(expected))
            yield Hit(
                COPIED_YEAR.id,
                m.start() - 1,
                m.start() + 1,
                f"“{said}年”不是{when.year}年前后的春节（应为{year}年；按{when.source}）：是否沿用了往年的祝福语？",
                f"{right}年" if right else None,
            )

    @staticmethod
    def _annual_year_known(draft: Any, when: DraftYear) -> bool:
        """Whether the draft says which 年度 it is about: a date line, or a title with `N年度`."""
        if when.source == "日期行":
            return True
        title = draft.title or ""
        return when.source == "标题" and f"{when.year}年度" in title

    def _ended_pattern(self, year: int) -> re.Pattern[str] | None:
        """The names of the campaigns ended before `year`, as one pattern, built once a year: the
        trie of a few hundred names took half a millisecond, paid again by every file of a folder
        (a dict lookup is atomic, so two threads at worst build the same pattern twice)."""
        cache = self._ended_by_year
        if year not in cache:
            ended = [name for name, until in self.campaigns().items() if until < year]
            cache[year] = re.compile(longest_first_pattern(ended)) if ended else None
        return cache[year]

    # -- data ---------------------------------------------------------------------------------

    def campaigns(self) -> dict[str, int]:
        """Campaign or plan name → the last year it ran: the rule data's and the bank's `until`."""
        if self._campaigns is None:
            found = dict(self._data_campaigns)
            for e in self.context.bank_entries():
                until = getattr(e, "until", None)
                if until and getattr(e, "kind", None) == "formulation":
                    text = str(getattr(e, "text", "")).strip("《》")
                    if text.startswith("“") and "”" in text:
                        continue  # plan periods are the plan rule's (“十四五”规划)
                    found[text] = until
            self._campaigns = found
        return self._campaigns


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007 - the loop keeps the last one
        pass
    return last


def _plan_problem(plan: Plan, year: int, stage: str, nth: str | None) -> str | None:
    span = f"“{plan.name}”是{plan.start}—{plan.end}年"
    if not plan.start <= year <= plan.end:
        return f"{span}，{year}年不是它的{stage}"
    if stage in ("开局之年", "起步之年") and year != plan.start:
        return f"{span}，开局之年是{plan.start}年，{year}年是第{numerals.to_chinese(year - plan.start + 1)}年"
    if stage in ("收官之年", "决胜之年") and year != plan.end:
        return f"{span}，收官之年是{plan.end}年"
    if nth is not None:
        n = int(nth) if nth.isdigit() else numerals.from_chinese(nth)
        if n is not None and n != year - plan.start + 1:
            return f"{span}，{year}年是第{numerals.to_chinese(year - plan.start + 1)}年"
    return None


def _ongoing_cue(before: str) -> int:
    """How many characters before a campaign's name a phrase presenting it as under way takes
    (当前正在开展的: 7), when that phrase runs up to the name; else 0 (the name alone is marked)."""
    m = _UNDER_WAY.search(before[-12:])
    return len(m.group()) if m else 0


def _review_span(word: str) -> int:
    """Years a looking-back opening covers: 过去一年/去年 one, 十年来 ten, any other (五年来, 回顾) five."""
    if "一年" in word or "去年" in word:
        return 1
    return 10 if "十年" in word else 5


def _clause(text: str, start: int, end: int, soft: bool = False) -> tuple[int, int]:
    """The clause around [start, end): to the nearest sentence end (and, when soft, comma), looking
    at most _WINDOW characters each way so that a long text without such marks stays linear."""
    stops = _CLAUSE_END + ("，" if soft else "")
    lo_bound = max(0, start - _WINDOW)
    hi_bound = min(len(text), end + _WINDOW)
    lo = max((text.rfind(c, lo_bound, start) for c in stops), default=-1)
    lo = lo + 1 if lo != -1 else lo_bound
    his = [p for p in (text.find(c, end, hi_bound) for c in stops) if p != -1]
    return lo, min(his) if his else hi_bound


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return numerals.from_chinese(text)
    except (ValueError, KeyError):
        return None


def _four_digits(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    out = "".join(_DIGIT.get(c, "") for c in text)
    return int(out) if len(out) == 4 else None


def _year_of(line: str) -> tuple[int | None, int | None]:
    """Year and month of a date line (二〇二六年一月五日 too)."""
    m = _DATE_IN_LINE.search(line)
    if not m:
        return None, None
    return _four_digits(m.group(1)), _number(m.group(2))


def _sidecar_year(path: str) -> int | None:
    """The `year` value of the draft's sidecar (`讲话.drafter.json`), if it has one."""
    if not path or path == "-" or path.startswith("<"):
        return None
    try:
        draft = Path(path)
        sidecar = draft.with_name(draft.stem + ".drafter.json")
        if not sidecar.is_file() or sidecar.stat().st_size > 1_000_000:
            return None
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a damaged sidecar is the draft commands' to report, not the checker's
    values = data.get("values") if isinstance(data, dict) else None
    year = values.get("year") if isinstance(values, dict) else None
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    return year if isinstance(year, int) and 1900 <= year <= 2100 else None


def _read_entries(data: RuleData) -> tuple[list[Anniversary], list[Plan], dict[str, int], list[Plenum]]:
    anniversaries: list[Anniversary] = []
    plans: list[Plan] = []
    campaigns: dict[str, int] = {}
    plenums: list[Plenum] = []
    for entry in data.entries:
        name = entry_str(data, entry, "id") or ""
        kind = entry.get("kind")
        if kind == "anniversary":
            words = entry_strings(data, entry, "words") or [name]
            anniversaries.append(Anniversary(name, _year(data, entry, "founded"), tuple(words)))
        elif kind == "plan":
            plans.append(Plan(name, _year(data, entry, "from"), _year(data, entry, "to")))
        elif kind == "campaign":
            campaigns[name] = _year(data, entry, "until")
        elif kind == "plenum":
            words = entry_strings(data, entry, "words") or [name]
            plenums.append(Plenum(name, _year(data, entry, "held"), tuple(words)))
        else:
            raise DataFileError(data.where(entry), "'kind' 应是 anniversary、plan、campaign 或 plenum")
    return anniversaries, plans, campaigns, plenums


def _year(data: RuleData, entry: dict[str, Any], key: str) -> int:
    value = entry.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 1800 <= value <= 2200:
        raise DataFileError(data.where(entry), f"'{entry.get('id')}' 的 {key} 应是年份，如 1921")
    return value
