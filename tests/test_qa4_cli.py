"""What a writer hit using the CLI on a folder of mixed drafts (QA round 4): review copies of one
run replacing each other, drafter's own review copies counted as drafts on the next run, a report
cut short by `| head` exiting 0, and a folder given with -o."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "讲话.txt").write_text("讲话\n\n一、总体情况\n今年完成**项任务。\n", encoding="utf-8")
    (folder / "讲话.md").write_text("# 讲话\n\n## 一、总体情况\n\n全年投入XX万元。\n", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("讲话")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("召开××会议，部署××工作。")
    document.save(str(folder / "讲话.docx"))
    return folder


def test_review_copies_of_one_run_never_replace_each_other(tmp_path: Path, run_cli) -> None:
    folder = _folder(tmp_path)
    result = run_cli("check", str(folder), "--annotate")
    assert result.status == 1, result.err
    copies = sorted(p.name for p in folder.glob("*.审校.docx"))
    assert copies == ["讲话.md.审校.docx", "讲话.txt.审校.docx", "讲话.审校.docx"], copies
    # The Word file keeps the plain name, and its copy holds the Word file's own text.
    text = "\n".join(p.text for p in docx.Document(str(folder / "讲话.审校.docx")).paragraphs)
    assert "××会议" in text and "**项" not in text
    assert "讲话.md.审校.docx" in result.err and "讲话.txt.审校.docx" in result.err


def test_a_second_run_does_not_count_drafters_review_copies(tmp_path: Path, run_cli) -> None:
    folder = _folder(tmp_path)
    assert run_cli("check", str(folder), "--annotate").status == 1
    again = run_cli("check", str(folder))
    assert "检查了 3 个文件" in again.out, again.out
    assert "审校" not in again.out
    # Named on the command line, a review copy is still checked: the writer asked for it.
    assert run_cli("check", str(folder / "讲话.审校.docx")).status == 1


def test_one_output_name_for_a_folder_of_files_is_refused(tmp_path: Path, run_cli) -> None:
    folder = _folder(tmp_path)
    result = run_cli("check", str(folder), "--annotate", "-o", str(tmp_path / "一份.docx"))
    assert result.status == 2 and "-o" in result.err, result.err
    assert not (tmp_path / "一份.docx").exists()
    result = run_cli("check", str(folder), "--fix", "-o", str(tmp_path / "一份.txt"))
    assert result.status == 2 and "-o" in result.err, result.err


def test_a_report_cut_short_by_the_reader_does_not_say_clean(tmp_path: Path) -> None:
    draft = tmp_path / "长稿.txt"
    draft.write_text("讲话\n\n" + "今年完成**项任务，投入**万元。\n" * 5000, encoding="utf-8")
    for fmt in ("human", "json"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "drafter", "check", str(draft), "--format", fmt],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(200)  # like `| head -c 200`: read a little, then stop reading
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) == 1, err
        assert "Traceback" not in err


def test_a_masked_paragraph_pasted_into_markdown_keeps_every_blank(tmp_path: Path, run_cli) -> None:
    # Five `**` in one paragraph cannot all be bold delimiters: it is a masked 范文, every one a blank.
    masked = "要加强**企业响应**工作，**同志牵头，完成**项，投入**万元。"
    bold = "**（一）加强领导。**各级要抓好落实，突出**重点**工作。"
    draft = tmp_path / "讲话.md"
    draft.write_text(f"# 讲话\n\n{masked}\n\n{bold}\n", encoding="utf-8")
    import json

    result = run_cli("check", str(draft), "--only", "placeholder", "--format", "json")
    found = [(f["line"], f["text"]) for f in json.loads(result.out)]
    assert found == [(3, "**")] * 5, found  # the bold paragraph (an even number, a lead) stays bold


def test_the_drafts_year_from_a_chinese_numeral_title_and_above_a_spaced_date(tmp_path: Path, run_cli) -> None:
    import json

    def currency(name: str, text: str) -> list[str]:
        draft = tmp_path / name
        draft.write_text(text, encoding="utf-8")
        result = run_cli("check", str(draft), "--only", "currency", "--format", "json")
        assert result.status in (0, 1), result.err
        return [f["message"] for f in json.loads(result.out)]

    # 二〇二七年度 in the title: the draft is for 2027, so 建党105周年 is a year behind.
    found = currency("t.txt", "二〇二七年度工作总结\n\n今年，我们隆重庆祝建党105周年。\n")
    assert len(found) == 1 and "106" in found[0] and "标题" in found[0], found
    # The dated line above a `年  月  日` left for the hand: still the draft's date line (June:
    # a January draft may still be reviewing the year before).
    found = currency("d.txt", "工作总结\n\n今年，我们隆重庆祝建党105周年。\n\n某某公司\n2027年6月8日\n年  月  日\n")
    assert len(found) == 1 and "106" in found[0] and "日期行" in found[0], found


def test_a_damaged_word_file_is_described_in_the_writers_words(tmp_path: Path, run_cli) -> None:
    import io
    import zipfile

    good = tmp_path / "好.docx"
    document = docx.Document()
    document.add_paragraph("讲话正文，" * 400)
    document.save(str(good))
    data = bytearray(good.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):  # break the deflate stream of the body
        data[i] ^= 0x55
    bad = tmp_path / "坏.docx"
    bad.write_bytes(bytes(data))
    result = run_cli("check", str(bad))
    assert result.status == 2
    line = result.err.strip()
    assert "坏.docx" in line and "已损坏" in line and "（error）" not in line, line
    assert len(line.splitlines()) == 1


def test_drafter_new_asks_again_for_a_wrong_number_and_takes_chinese_numerals(monkeypatch, capsys) -> None:
    from drafter.cli.template_cmds import _ask
    from drafter.templating.model import Variable
    from drafter.templating.render import coerce

    year = Variable("year", "年份", "int")
    answers = iter(["今年", "二〇二六"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert _ask(year) == "二〇二六"  # asked again, not ended after the last question
    assert "请重新输入" in capsys.readouterr().err
    assert [coerce(year, v) for v in ("2026", "２０２６", "二〇二六", "二十三", "一百零五", "零")] == [
        2026,
        2026,
        2026,
        23,
        105,
        0,
    ]
