"""Every built-in template, with each variant and example of bench/render_examples.yaml, renders
into a draft `drafter check` passes clean (the currency rules included; only the meant `**` blanks
are found), with no double blank for one value. bench/render_all.py writes the same renders for a
reviewer."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.document import Document

BENCH = Path(__file__).resolve().parent.parent / "bench" / "render_all.py"


def _renders() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("render_all", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render_examples()


RENDERS = _renders()


def test_every_template_and_variant_is_rendered() -> None:
    templates = {name.split(".")[0] for name in RENDERS}
    assert len(templates) >= 9
    assert all(f"{t}.默认.txt" in RENDERS for t in templates)
    for name in (
        "deployment-speech.意识形态.txt",
        "deployment-speech.招商引资-政府口径.txt",
        "democratic-life-meeting.主要负责人.txt",
        "democratic-life-meeting.班子成员.txt",
        "opening-address.表彰会.txt",
    ):
        assert name in RENDERS, name


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_a_render_checks_clean(name: str) -> None:
    text = RENDERS[name]
    found = build_engine().check(Document(name, "text", text))
    assert [(f.rule, f.text, f.message) for f in found if f.rule != "placeholder.stars"] == []
    assert "****" not in text


def test_examples_name_the_meeting_they_render() -> None:
    """The 表彰会 and 研讨会 examples are not called a 培训班 (the review's first complaint)."""
    award = RENDERS["opening-address.表彰会.txt"]
    assert award.startswith("在2026年度基层党建工作先进集体和先进个人表彰大会上的讲话")
    assert "培训班" not in award and "预祝" not in award
    seminar = RENDERS["opening-address.研讨会.txt"]
    assert "培训班" not in seminar and "祝贺" not in seminar
