"""Search as a writer types: Hanzi, full pinyin, initials, mixed, typos; tiers; filters; spans."""

from __future__ import annotations

import json

import pytest

from drafter.bank import PhraseBank


@pytest.fixture(scope="module")
def bank() -> PhraseBank:
    return PhraseBank.load()


def first(bank: PhraseBank, query: str, **filters) -> str:
    hits = bank.search(query, limit=5, **filters)
    assert hits, query
    return hits[0].entry.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("两个确立", "formula.two-establishments"),  # Hanzi substring
        ("lgql", "formula.two-establishments"),  # initials
        ("liang ge que li", "formula.two-establishments"),  # spaced full pinyin
        ("lianggequeli", "formula.two-establishments"),  # unspaced full pinyin
        ("两个确力", "formula.two-establishments"),  # homophone typo (the IME's favourite)
        ("两个ql", "formula.two-establishments"),  # mixed Hanzi + initials
        ("两个que", "formula.two-establishments"),  # mixed Hanzi + pinyin
        ("sgzx", "formula.four-confidences"),
        ("四个自言", "formula.four-confidences"),  # wrong character, not a homophone
        ("增强“四个意识”", "formula.four-consciousnesses"),  # exact text
        ("以习近平同志为核心的党中央", "formula.party-central-core"),
        ("formula.six-disciplines", "formula.six-disciplines"),  # an id
    ],
)
def test_every_query_form_finds_the_entry_first(bank: PhraseBank, query: str, expected: str) -> None:
    assert first(bank, query) == expected


def test_liangge_finds_both_two_formulations(bank: PhraseBank) -> None:
    ids = [h.entry.id for h in bank.search("liangge", limit=5)]
    assert "formula.two-establishments" in ids and "formula.two-upholds" in ids


def test_tiers_rank_text_above_pinyin_above_fuzzy(bank: PhraseBank) -> None:
    hits = bank.search("四个自信", limit=50)
    hows = [h.how for h in hits]
    assert hows[0] in ("exact", "text")
    assert all(h.score >= 90 for h in hits if h.how == "text")
    assert all(h.score < 80 for h in hits if h.how == "pinyin")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    typo = bank.search("两个确文", limit=5)
    assert typo[0].how == "fuzzy" and typo[0].score <= 50
    homophone = bank.search("两个确力", limit=5)
    assert homophone[0].how == "pinyin" and 70 <= homophone[0].score < 80


def test_spans_mark_the_matched_characters(bank: PhraseBank) -> None:
    for query in ("两个确立", "lgql", "liangge", "两个确力"):
        hit = bank.search(query, limit=1)[0]
        start, end = hit.spans[0]
        assert hit.entry.text[start:end].startswith("两个"), (query, hit.spans)
    hit = bank.search("lgql", limit=1)[0]
    assert [hit.entry.text[s:e] for s, e in hit.spans] == ["两个确立"]


def test_filters(bank: PhraseBank) -> None:
    hits = bank.search("安全", limit=50, category="安全生产", role="measure")
    assert hits and all(h.entry.category == "安全生产" and h.entry.role == "measure" for h in hits)
    tagged = bank.search("意识", limit=50, tags=["四个意识"])
    assert tagged and all("四个意识" in h.entry.tags for h in tagged)
    genre = bank.search("同志们", limit=50, genre="review-speech")
    assert genre and all("review-speech" in h.entry.genres for h in genre)
    assert bank.search("两个确立", category="安全生产") == [] or all(
        h.entry.category == "安全生产" for h in bank.search("两个确立", category="安全生产")
    )


def test_empty_query_lists_in_bank_order_and_limit_holds(bank: PhraseBank) -> None:
    hits = bank.search("", limit=7, category="规范表述")
    assert len(hits) == 7 and all(h.entry.category == "规范表述" for h in hits)
    assert len(bank.search("党", limit=3)) == 3
    assert bank.search("完全不存在的内容qqqq", limit=5) == []


def test_search_cli_json(run_cli) -> None:
    result = run_cli("phrases", "search", "lgql", "--format", "json", "--limit", "3")
    assert result.status == 0
    rows = json.loads(result.out)
    assert rows[0]["id"] == "formula.two-establishments"
    assert {"id", "text", "category", "score"} <= set(rows[0])


def test_search_cli_human(run_cli) -> None:
    out = run_cli("phrases", "search", "两个确力", "--limit", "2").out
    assert "formula.two-establishments" in out and "深刻领悟“两个确立”的决定性意义" in out
    none = run_cli("phrases", "search", "qqqqqq")
    assert none.status == 0 and "没有找到" in none.out


def test_show_and_list_cli(run_cli) -> None:
    shown = run_cli("phrases", "show", "formula.four-consciousnesses")
    assert shown.status == 0
    assert "政治意识、大局意识、核心意识、看齐意识" in shown.out and "搭配：增强" in shown.out
    assert json.loads(run_cli("phrases", "show", "formula.four-consciousnesses", "--format", "json").out)["items"] == [
        "政治意识",
        "大局意识",
        "核心意识",
        "看齐意识",
    ]
    missing = run_cli("phrases", "show", "formula.four-consciousness")
    assert missing.status == 2 and "formula.four-consciousnesses" in missing.err
    listed = json.loads(run_cli("phrases", "list", "--category", "规范表述", "--format", "json").out)
    assert listed and all(r["category"] == "规范表述" and "score" in r for r in listed)
    cats = run_cli("phrases", "list", "--categories").out.splitlines()
    assert len(cats) >= 12
