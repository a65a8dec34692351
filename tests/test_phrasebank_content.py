"""The built-in bank: big enough, well formed, exact where it must be, in its own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.bank import PhraseBank
from drafter.bank.phrasebank import Layer, lint_layers
from drafter.resources import phrasebank_dir

# domain.md section 4, item for item and in order: these are facts, not content choices.
FORMULATIONS = {
    "两个确立": ["确立习近平同志党中央的核心、全党的核心地位", "确立习近平新时代中国特色社会主义思想的指导地位"],
    "两个维护": ["坚决维护习近平总书记党中央的核心、全党的核心地位", "坚决维护党中央权威和集中统一领导"],
    "四个意识": ["政治意识", "大局意识", "核心意识", "看齐意识"],
    "四个自信": ["道路自信", "理论自信", "制度自信", "文化自信"],
    "三会一课": ["支部党员大会", "支部委员会", "党小组会", "按时上好党课"],
    "四风": ["形式主义", "官僚主义", "享乐主义", "奢靡之风"],
    "四种形态": [
        "红红脸、出出汗成为常态",
        "党纪轻处分、组织调整成为违纪处理的大多数",
        "党纪重处分、重大职务调整的成为少数",
        "严重违纪涉嫌违法立案审查的成为极少数",
    ],
    "不敢腐": ["不敢腐", "不能腐", "不想腐"],
    "两个责任": ["党委主体责任", "纪委监督责任"],
    "三重一大": ["重大决策", "重要人事任免", "重大项目安排", "大额度资金运作"],
    "两个结合": ["同中国具体实际相结合", "同中华优秀传统文化相结合"],
    "政治三力": ["政治判断力", "政治领悟力", "政治执行力"],
    "五位一体": ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设"],
    "四个全面": ["全面建设社会主义现代化国家", "全面深化改革", "全面依法治国", "全面从严治党"],
    "新发展理念": ["创新", "协调", "绿色", "开放", "共享"],
    "三严三实": ["严以修身", "严以用权", "严以律己", "谋事要实", "创业要实", "做人要实"],
    "六大纪律": ["政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"],
}
COLLOCATIONS = {
    "四个意识": "增强",
    "四个自信": "坚定",
    "两个维护": "做到",
    "两个确立": "深刻领悟",
}
DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "domain.md"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_90650464488cdbe9.txt"
# Official phrases that any speech of the genre contains; sharing them with the seed is not copying.
OFFICIAL = [
    "习近平新时代中国特色社会主义思想",
    "以习近平同志为核心的党中央",
    "深刻领悟“两个确立”的决定性意义",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
]


@pytest.fixture(scope="module")
def bank() -> PhraseBank:
    return PhraseBank.load(phrasebank_dir(), standard=False, use_cache=False)


def test_size_and_categories(bank: PhraseBank) -> None:
    assert len(bank) >= 800
    assert len(bank.categories()) >= 12
    for topic in ("党建", "党风廉政", "安全生产", "改革发展", "人才队伍", "意识形态", "为民办实事", "作风建设"):
        assert topic in bank.categories()
    roles = {e.role for e in bank}
    assert {"opening", "transition", "achievement", "problem", "measure", "closing", "greeting"} <= roles
    assert any(e.kind == "parallel" for e in bank)


def test_builtin_bank_lints_clean() -> None:
    problems, files, entries = lint_layers([Layer("内置", phrasebank_dir())])
    assert problems == []
    assert files >= 12 and entries >= 800


@pytest.mark.parametrize("name", sorted(FORMULATIONS))
def test_every_formulation_is_present_with_items_in_order(bank: PhraseBank, name: str) -> None:
    matching = [e for e in bank if e.kind == "formulation" and e.items == tuple(FORMULATIONS[name])]
    assert matching, f"no formulation entry for {name} with items {FORMULATIONS[name]}"
    if name in COLLOCATIONS:
        assert any(e.collocation == COLLOCATIONS[name] for e in matching)


def test_expected_items_match_domain_notes() -> None:
    if not DOMAIN.is_file():
        pytest.skip("../shared/domain.md is not beside this checkout")
    section = DOMAIN.read_text(encoding="utf-8").split("## 4.")[1].split("## 5.")[0]
    for items in FORMULATIONS.values():
        for item in items:
            assert item in section, item


def test_core_and_party_central_wording(bank: PhraseBank) -> None:
    texts = [e.text for e in bank]
    assert "以习近平同志为核心的党中央" in texts
    assert not any("以习近平总书记为核心" in t for t in texts)


def test_no_text_contains_a_known_misquote(bank: PhraseBank) -> None:
    misquotes = {m for e in bank for m in e.misquotes}
    misquotes |= {"谈国理政", "抗在肩上", "狠杀“四风”", "打黑除恶", "题中应有之意", "戳力奋发", "党的二十大会议精神"}
    offenders = [(e.id, m) for e in bank for m in misquotes if m in e.text]
    assert offenders == []


def test_written_in_own_words_not_the_seed(bank: PhraseBank) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not beside this checkout")
    seed = SEED.read_text(encoding="utf-8")
    grams = {seed[i : i + 12] for i in range(len(seed) - 11)}
    grams = {g for g in grams if not any(g in o for o in OFFICIAL)}
    copied = [
        (e.id, t[i : i + 12]) for e in bank for t in [e.text] for i in range(len(t) - 11) if t[i : i + 12] in grams
    ]
    assert copied == []


def test_no_near_duplicates(bank: PhraseBank) -> None:
    from rapidfuzz import fuzz, process

    texts = [e.text for e in bank]
    dupes = []
    for i, text in enumerate(texts):
        for _, score, j in process.extract(text, texts, scorer=fuzz.ratio, limit=2, score_cutoff=85):
            if j != i:
                dupes.append((bank.entries[i].id, bank.entries[j].id, score))
    assert dupes == []


def test_ids_are_stable_slugs(bank: PhraseBank) -> None:
    assert all(re.fullmatch(r"[a-z]+\.[a-z0-9-]+", e.id) for e in bank)


def _templates():
    from drafter.templating import load_templates, template_layers

    return load_templates(template_layers())


def test_one_genre_per_template_and_every_entry_tagged_with_one_that_exists(bank: PhraseBank) -> None:
    from drafter.bank.genres import unknown_genres

    templates = _templates()
    assert all(t.genre == tid for tid, t in templates.items()), "a template's genre id is its own id"
    assert unknown_genres(bank, templates) == []
    untagged = [e.id for e in bank if not e.genres]
    assert untagged == []


def test_democratic_and_organizational_life_meetings_are_not_mixed(bank: PhraseBank) -> None:
    from drafter.bank.genres import entries_for

    dlm = entries_for(bank, "democratic-life-meeting", ["opening"])
    olm = entries_for(bank, "organizational-life-meeting", ["opening"])
    assert dlm and olm
    assert not any("组织生活会" in e.text for e in dlm)
    assert not any("民主生活会" in e.text for e in olm)
    # deployment-speech and opening-address have their own entries now
    assert entries_for(bank, "deployment-speech", ["measure"])
    assert entries_for(bank, "opening-address", ["greeting"])


def test_entries_for_filters_by_genre_and_roles(bank: PhraseBank) -> None:
    from drafter.bank.genres import entries_for

    picked = entries_for(bank, "review-speech", ["problem", "cause"])
    assert picked and all("review-speech" in e.genres and e.role in ("problem", "cause") for e in picked)
    order = [e.id for e in bank]
    assert [e.id for e in picked] == sorted((e.id for e in picked), key=order.index)
    assert len(entries_for(bank, None, ())) == len(bank)
