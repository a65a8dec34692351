"""Every Word file drafter writes is valid against the ECMA-376 transitional schemas (validated by
libxml2 with the published XSDs, see ooxml_schema.py): exports with every preset, exports of every
template, annotated copies and revised copies (of a .txt draft and of a person's .docx)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builder import add_runs, new_document
from ooxml_schema import problems

from drafter.export.presets import available_presets

TEMPLATES = sorted(p.name.removesuffix(".txt.j2") for p in (Path(__file__).parent.parent / "templates").glob("*.j2"))


def _valid(path: Path) -> None:
    found = problems(path.read_bytes())
    assert not found, f"{len(found)} schema errors in {path.name}:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("preset", sorted(available_presets()))
def test_seed_export_is_valid_with_every_preset(preset: str, seed: Path, tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_bytes(seed.read_bytes())
    result = run_cli("export", str(draft), "--allow-placeholders", "--preset", preset)
    assert result.status == 0, result.err
    _valid(tmp_path / "讲话.docx")


def test_run_in_headings_tables_and_signature_are_valid(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(
        "关于**工作的报告\n\n同志们：\n一、工作情况\n（一）加强政治建设。坚持“第一议题”制度。\n"
        "1.抓好学习。每月一次。\n（1）细化措施。落实到人。\n| 单位 | 指标 | 完成率 |\n| 市政公司 | 产值 | **% |\n"
        "| ^ | 利润 | 101% |\n| 合计 | < | 99.6% |\n\n某某公司党委\n2026年12月1日\n",
        encoding="utf-8",
    )
    assert run_cli("export", str(draft), "--allow-placeholders").status == 0
    _valid(tmp_path / "d.docx")


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_export_is_valid(template: str, tmp_path: Path, run_cli) -> None:
    draft = tmp_path / f"{template}.txt"
    made = run_cli("new", template, "--allow-missing", "-o", str(draft))
    assert made.status == 0, made.err
    result = run_cli("export", str(draft), "--allow-placeholders")
    assert result.status == 0, result.err
    _valid(tmp_path / f"{template}.docx")


def test_export_over_a_reference_docx_is_valid(tmp_path: Path, run_cli) -> None:
    ref = new_document()
    ref.sections[0].header.paragraphs[0].text = "某某集团党委文件"
    ref.add_paragraph("模板里的示例文字")
    ref.save(tmp_path / "红头.docx")
    draft = tmp_path / "d.txt"
    draft.write_text("关于**的报告\n\n一、工作情况\n（一）加强政治建设。坚持学习。\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--allow-placeholders", "--reference-docx", str(tmp_path / "红头.docx"))
    assert result.status == 0, result.err
    _valid(tmp_path / "d.docx")


def test_annotated_and_revised_copies_are_valid(seed: Path, tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_bytes(seed.read_bytes())
    assert run_cli("check", str(draft), "--annotate").status == 1
    _valid(tmp_path / "讲话.审校.docx")
    source = tmp_path / "稿.docx"
    d = new_document()
    d.add_paragraph("讲话")
    add_runs(d.add_paragraph(), [("今天召开*", False), ("*", True), ("企会议，要研读《习近平谈国理政》。", False)])
    d.add_paragraph("把责任抗在肩上。")
    d.save(source)
    assert run_cli("check", str(source), "--annotate", "--revisions", "-o", str(tmp_path / "修订.docx")).status == 1
    _valid(tmp_path / "修订.docx")
    # A second run over drafter's own output (comments replaced) stays valid.
    assert run_cli("check", str(tmp_path / "修订.docx"), "--annotate", "-o", str(tmp_path / "again.docx")).status == 1
    _valid(tmp_path / "again.docx")


def test_the_validator_rejects_a_property_out_of_schema_order(tmp_path: Path, run_cli) -> None:
    """The validator is real: the same file with `ind` moved after `jc` is reported."""
    import zipfile

    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n正文。\n", encoding="utf-8")
    assert run_cli("export", str(draft)).status == 0
    good = tmp_path / "d.docx"
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                start = data.index(b"<w:ind ")
                end = data.index(b"/>", start) + 2
                ind = data[start:end]
                data = data[:start] + data[end:]
                jc = data.index(b"<w:jc ", start - 200)
                jc_end = data.index(b"/>", jc) + 2
                data = data[:jc_end] + ind + data[jc_end:]
            zout.writestr(item, data)
    assert any("ind" in p for p in problems(bad.read_bytes()))
