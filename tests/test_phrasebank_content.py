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
        "“红红脸、出出汗”成为常态",
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
# domain.md section 4b: formulations current in 2024–2026.
FORMULATIONS_4B = {
    "中国式现代化": [
        "人口规模巨大的现代化",
        "全体人民共同富裕的现代化",
        "物质文明和精神文明相协调的现代化",
        "人与自然和谐共生的现代化",
        "走和平发展道路的现代化",
    ],
    "三个务必": ["务必不忘初心、牢记使命", "务必谦虚谨慎、艰苦奋斗", "务必敢于斗争、善于斗争"],
    "伟大建党精神": ["坚持真理、坚守理想", "践行初心、担当使命", "不怕牺牲、英勇斗争", "对党忠诚、不负人民"],
    "六个必须坚持": ["人民至上", "自信自立", "守正创新", "问题导向", "系统观念", "胸怀天下"],
    "两个一以贯之": [
        "坚持党对国有企业的领导是重大政治原则，必须一以贯之",
        "建立现代企业制度是国有企业改革的方向，也必须一以贯之",
    ],
    "两个毫不动摇": ["毫不动摇巩固和发展公有制经济", "毫不动摇鼓励、支持、引导非公有制经济发展"],
    "严的基调": ["严的基调", "严的措施", "严的氛围"],
    "发展党员": ["控制总量", "优化结构", "提高质量", "发挥作用"],
    "主题教育": ["学思想", "强党性", "重实践", "建新功"],
    "人民至上": ["人民至上", "生命至上"],
    "三管三必须": ["管行业必须管安全", "管业务必须管安全", "管生产经营必须管安全"],
}
# Exact wordings of section 4b that must be in the bank as formulations.
TEXTS_4B = [
    "以中国式现代化全面推进强国建设、民族复兴伟业",
    "加快构建以国内大循环为主体、国内国际双循环相互促进的新发展格局",
    "以新安全格局保障新发展格局",
    "因地制宜发展新质生产力",
    "发展新质生产力是推动高质量发展的内在要求和重要着力点",
    "教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑",
    "加快实现高水平科技自立自强",
    "《中共中央关于进一步全面深化改革、推进中国式现代化的决定》",
    "继续完善和发展中国特色社会主义制度，推进国家治理体系和治理能力现代化",
    "《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》",
    "“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期",
    "深入贯彻党的二十大和二十届历次全会精神",
    "推动国有资本和国有企业做强做优做大，增强核心功能，提升核心竞争力",
    "完善中国特色现代企业制度",
    "加快建设世界一流企业",
    "以党的自我革命引领社会革命",
    "健全全面从严治党体系",
    "把严的基调、严的措施、严的氛围长期坚持下去",
    "坚决打赢反腐败斗争攻坚战持久战",
    "《中国共产党纪律处分条例》",
    "《整治形式主义为基层减负若干规定》",
    "积极稳妥推进碳达峰碳中和",
    "加快建设全国统一大市场",
]
# Campaigns and plan periods, with the years they ran.
ENDED = {
    "党史学习教育": (2021, 2021),
    "学习贯彻习近平新时代中国特色社会主义思想主题教育": (2023, 2023),
    "党纪学习教育": (2024, 2024),
    "深入贯彻中央八项规定精神学习教育": (2025, 2025),
    "国有企业改革深化提升行动": (2023, 2025),
    "“十四五”规划": (2021, 2025),
    "“十五五”规划": (2026, 2030),
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
    "学习贯彻习近平新时代中国特色社会主义思想",
    "增强党组织政治功能和组织功能",
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
    section = re.sub(r"\n\s*", "", section)  # the notes wrap long lines
    for items in [*FORMULATIONS.values(), *FORMULATIONS_4B.values()]:
        for item in items:
            # the bank keeps the quotation marks of the official text (“红红脸、出出汗”成为常态)
            assert item.replace("“", "").replace("”", "") in section, item
    for text in TEXTS_4B:
        assert text in section, text


@pytest.mark.parametrize("name", sorted(FORMULATIONS_4B))
def test_every_4b_formulation_is_present_with_items_in_order(bank: PhraseBank, name: str) -> None:
    assert any(e.kind == "formulation" and e.items == tuple(FORMULATIONS_4B[name]) for e in bank), name


def test_every_4b_wording_is_a_formulation(bank: PhraseBank) -> None:
    texts = {e.text for e in bank if e.kind == "formulation"}
    missing = [t for t in TEXTS_4B if not any(t in x for x in texts)]
    assert missing == []


@pytest.mark.parametrize("name", sorted(ENDED))
def test_campaigns_and_plan_periods_carry_their_years(bank: PhraseBank, name: str) -> None:
    entries = [e for e in bank if e.kind == "formulation" and e.text == name]
    assert entries and all((e.since, e.until) == ENDED[name] for e in entries), name


def test_listed_errors_are_gone(bank: PhraseBank) -> None:
    texts = "\n".join(e.text for e in bank)
    for wrong in ("严的标准", "坚持标准、保证质量、改善结构、慎重发展", "以提升组织力为重点", "明查暗访"):
        assert wrong not in texts, wrong
    for e in bank:
        if "一利五率" in e.text:
            assert "营业收入" not in e.text, e.id
    by_id = {e.id: e for e in bank}
    assert "严的基调" in by_id["party.req-strict-tone"].text
    assert "控制总量、优化结构、提高质量、发挥作用" in by_id["party.mea-recruit-principle"].text


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
    assert copied == [], copied


def test_no_near_duplicates(bank: PhraseBank) -> None:
    from rapidfuzz import fuzz, process

    # Short formulations that differ in one character are different facts (“十四五”规划, “十五五”规划).
    compared = [e for e in bank if len(e.text) >= 12 or e.kind != "formulation"]
    texts = [e.text for e in compared]
    dupes = []
    for i, text in enumerate(texts):
        for _, score, j in process.extract(text, texts, scorer=fuzz.ratio, limit=2, score_cutoff=85):
            if j != i:
                dupes.append((compared[i].id, compared[j].id, score))
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


def test_every_template_section_role_has_fifteen_entries_of_its_genre(bank: PhraseBank) -> None:
    from drafter.bank.genres import entries_for

    short = []
    for template_id, template in _templates().items():
        for role in dict.fromkeys(r for s in template.sections for r in s.roles):
            count = len(entries_for(bank, template_id, [role]))
            if count < 15:
                short.append((template_id, role, count))
    assert short == []


def test_every_entry_checks_clean(bank: PhraseBank) -> None:
    """The bank's own sentences pass every rule (blanks aside), the currency rules included."""
    from drafter.checks import build_engine
    from drafter.config import Config
    from drafter.document import Document

    engine = build_engine(Config(year=2026), bank_entries=list(bank))  # as a 2026 draft would quote them
    found = [
        (e.id, f.rule, f.text)
        for e in bank
        for f in engine.check(Document("t.txt", "text", e.text))
        if not f.rule.startswith("placeholder")
    ]
    assert found == []
