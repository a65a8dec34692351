"""Word export in the official format, read back from the real .docx (python-docx and raw XML)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture
def exported(seed: Path, tmp_path: Path, run_cli) -> Path:
    draft = tmp_path / "讲话.txt"
    draft.write_bytes(seed.read_bytes())
    result = run_cli("export", str(draft), "--allow-placeholders")
    assert result.status == 0, result.err
    return tmp_path / "讲话.docx"


def xml(path: Path, part: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_page_setup_is_a4_with_standard_margins_and_grid(exported: Path) -> None:
    section = docx.Document(str(exported)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    sect = xml(exported, "word/document.xml").find(".//w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (int(size.get(qn("w:w"))), int(size.get(qn("w:h")))) == (11906, 16838)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [
        37,
        35,
        28,
        26,
    ]
    grid = sect.find("w:docGrid", NS)
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
    assert -900 < int(grid.get(qn("w:charSpace"))) < -800


def test_every_run_names_all_four_fonts_and_no_theme_font(exported: Path) -> None:
    for part in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        root = xml(exported, part)
        runs = root.findall(".//w:r", NS)
        assert runs
        for run in runs:
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert fonts is not None, etree.tostring(run, encoding="unicode")
            values = {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")}
            assert len(values) == 1 and None not in values
    styles = etree.tostring(xml(exported, "word/styles.xml"), encoding="unicode")
    assert "Theme=" not in styles and "asciiTheme" not in styles and "ja-JP" not in styles
    assert 'w:eastAsia="zh-CN"' in styles


def test_quotes_and_dashes_are_in_the_body_font(exported: Path) -> None:
    root = xml(exported, "word/document.xml")
    quoted = [r for r in root.findall(".//w:r", NS) if "“" in "".join(t.text or "" for t in r.findall("w:t", NS))]
    assert quoted
    for run in quoted:
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert fonts.get(qn("w:ascii")) == "仿宋_GB2312" and fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
        assert fonts.get(qn("w:hint")) == "eastAsia"


def test_styles_per_level_sizes_and_spacing(exported: Path) -> None:
    document = docx.Document(str(exported))
    styles = {p.text[:4]: p.style.name for p in document.paragraphs if p.text}
    assert styles["在202"] == "文稿标题"
    assert styles["同志们："] == "称呼"
    assert styles["一、充分"] == "Heading 1"
    assert styles["今天，我"] == "Normal"
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    root = xml(exported, "word/styles.xml")

    def style(name: str):
        return next(s for s in root.findall("w:style", NS) if s.find("w:name", NS).get(qn("w:val")) == name)

    def font(name: str) -> str:
        return style(name).find("w:rPr/w:rFonts", NS).get(qn("w:eastAsia"))

    assert font("Normal") == "仿宋_GB2312"
    assert font("文稿标题") == "方正小标宋简体"
    assert style("文稿标题").find("w:rPr/w:sz", NS).get(qn("w:val")) == "44"
    assert style("文稿标题").find("w:pPr/w:jc", NS).get(qn("w:val")) == "center"
    assert [font(f"heading {n}") for n in (1, 2, 3, 4)] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    for n in (1, 2, 3, 4):
        assert style(f"heading {n}").find("w:pPr/w:outlineLvl", NS).get(qn("w:val")) == str(n - 1)
        assert style(f"heading {n}").find("w:rPr/w:color", NS) is None
    ind = style("Normal").find("w:pPr/w:ind", NS)
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert style("Normal").find("w:pPr/w:jc", NS).get(qn("w:val")) == "both"
    spacing = style("Normal").find("w:pPr/w:spacing", NS)
    assert spacing.get(qn("w:lineRule")) == "exact" and spacing.get(qn("w:line")) == "579"


def test_page_numbers_are_page_fields_between_em_dashes(exported: Path) -> None:
    settings = xml(exported, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    document = xml(exported, "word/document.xml")
    refs = {r.get(qn("w:type")): r for r in document.findall(".//w:sectPr/w:footerReference", NS)}
    assert {"default", "even"} <= set(refs)
    with zipfile.ZipFile(exported) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = xml(exported, "word/" + targets[refs[kind].get(qn("r:id"))])
        p = footer.find("w:p", NS)
        assert p.find("w:pPr/w:jc", NS).get(qn("w:val")) == side
        assert p.find("w:pPr/w:ind", NS).get(qn(f"w:{side}Chars")) == "100"
        texts = [t.text for t in p.findall(".//w:t", NS)]
        assert texts[0] == "— " and texts[-1] == " —"
        assert "PAGE" in "".join(i.text for i in p.findall(".//w:instrText", NS))
        assert [f.get(qn("w:fldCharType")) for f in p.findall(".//w:fldChar", NS)] == ["begin", "separate", "end"]
        for run in p.findall("w:r", NS):
            assert run.find("w:rPr/w:rFonts", NS).get(qn("w:ascii")) == "宋体"
            assert run.find("w:rPr/w:sz", NS).get(qn("w:val")) == "28"


def test_blanks_are_highlighted_and_found_again(exported: Path, seed: Path, run_cli) -> None:
    root = xml(exported, "word/document.xml")
    highlighted = [r for r in root.findall(".//w:r", NS) if r.find("w:rPr/w:highlight", NS) is not None]
    assert len(highlighted) == 49
    assert all("".join(t.text for t in r.findall("w:t", NS)) == "**" for r in highlighted)
    from_docx = json.loads(run_cli("check", str(exported), "--format", "json").out)
    from_draft = json.loads(run_cli("check", str(seed), "--format", "json").out)
    assert [(f["line"], f["column"], f["text"]) for f in from_docx] == [
        (f["line"], f["column"], f["text"]) for f in from_draft
    ]


def test_import_of_the_export_gives_back_the_draft(exported: Path, seed: Path, run_cli, tmp_path: Path) -> None:
    back = tmp_path / "back.txt"
    assert run_cli("import", str(exported), "-o", str(back)).status == 0
    assert back.read_bytes() == seed.read_bytes()


def test_run_in_heading_sets_only_the_heading_sentence_in_kaiti(tmp_path: Path, run_cli) -> None:
    """The heading sentence is a Heading 2 paragraph ended by a style separator (a paragraph mark
    that is always hidden), so the navigation pane shows only the sentence; the rest follows on
    the same line in the body style."""
    draft = tmp_path / "d.txt"
    draft.write_text("报告\n\n一、工作情况\n（一）加强政治建设。坚持“第一议题”制度。\n", encoding="utf-8")
    assert run_cli("export", str(draft)).status == 0
    root = xml(tmp_path / "d.docx", "word/document.xml")
    paragraphs = root.findall(".//w:body/w:p", NS)
    index = next(i for i, p in enumerate(paragraphs) if "政治建设" in "".join(p.itertext()))
    head, rest = paragraphs[index], paragraphs[index + 1]

    def runs(p):
        return [
            ("".join(t.text for t in r.findall("w:t", NS)), r.find("w:rPr/w:rFonts", NS).get(qn("w:eastAsia")))
            for r in p.findall("w:r", NS)
        ]

    assert runs(head) == [("（一）加强政治建设。", "楷体_GB2312")]
    assert head.find("w:pPr/w:pStyle", NS).get(qn("w:val")) == "Heading2"
    mark = head.find("w:pPr/w:rPr", NS)
    assert mark.find("w:specVanish", NS) is not None and mark.find("w:vanish", NS) is not None
    assert runs(rest) == [("坚持“第一议题”制度。", "仿宋_GB2312")]
    assert rest.find("w:pPr/w:pStyle", NS) is None  # Normal
    assert rest.find("w:pPr/w:rPr/w:specVanish", NS) is None
    # What the navigation pane lists: paragraphs with an outline level, by their own text.
    styles = [p.find("w:pPr/w:pStyle", NS) for p in paragraphs]
    outline = [
        "".join(t.text for t in p.iter(qn("w:t")))
        for p, style in zip(paragraphs, styles, strict=True)
        if style is not None and style.get(qn("w:val")).startswith("Heading")
    ]
    assert outline == ["一、工作情况", "（一）加强政治建设。"]


def test_import_of_an_export_with_run_in_headings_gives_the_draft_back(tmp_path: Path, run_cli) -> None:
    """The style separator makes two paragraphs in the file; import joins them into one line again."""
    draft = tmp_path / "d.txt"
    text = "报告\n\n一、工作情况\n（一）加强政治建设。坚持“第一议题”制度。\n（二）抓好基层组织。\n全年新建党支部3个。\n"
    draft.write_text(text, encoding="utf-8")
    assert run_cli("export", str(draft)).status == 0
    back = tmp_path / "back.txt"
    assert run_cli("import", str(tmp_path / "d.docx"), "-o", str(back)).status == 0
    assert back.read_text(encoding="utf-8") == text


def test_base_is_drafters_own_zh_cn_with_the_official_fonts(exported: Path) -> None:
    with zipfile.ZipFile(exported) as z:
        names = set(z.namelist())
        everything = b"".join(z.read(n) for n in names)
    assert not {n for n in names if "stylesWithEffects" in n or "thumbnail" in n or "theme" in n or "customXml" in n}
    assert b"ja-JP" not in everything and b"Calibri" not in everything and "ＭＳ".encode() not in everything
    fonts = {
        f.get(qn("w:name")): (
            f.find("w:altName", NS).get(qn("w:val")) if f.find("w:altName", NS) is not None else None,
            f.find("w:charset", NS).get(qn("w:val")),
        )
        for f in xml(exported, "word/fontTable.xml").findall("w:font", NS)
    }
    assert fonts["仿宋_GB2312"] == ("仿宋", "86") and fonts["楷体_GB2312"] == ("楷体", "86")
    assert {"黑体", "方正小标宋简体", "宋体"} <= set(fonts) and all(c == "86" for _, c in fonts.values())
    settings = xml(exported, "word/settings.xml")
    mode = settings.find("w:compat/w:compatSetting[@w:name='compatibilityMode']", NS)
    assert mode.get(qn("w:val")) == "15"
    assert settings.find("w:themeFontLang", NS).get(qn("w:eastAsia")) == "zh-CN"
    app = xml(exported, "docProps/app.xml")
    assert app.find("{*}Application").text == "drafter"
    core = docx.Document(str(exported)).core_properties
    import datetime as dt
    import getpass

    assert core.author == getpass.getuser() and core.author != "python-docx"
    assert abs((dt.datetime.now(dt.UTC) - core.created.replace(tzinfo=dt.UTC)).total_seconds()) < 600
    assert core.title == "在2023年企业党组织书记抓基层党建工作述职评议会上的讲话"


def test_headings_keep_with_next_and_widow_control_is_on(exported: Path) -> None:
    root = xml(exported, "word/styles.xml")
    assert root.find("w:docDefaults/w:pPrDefault/w:pPr/w:widowControl", NS) is not None
    for n in (1, 2, 3, 4):
        style = root.find(f"w:style[@w:styleId='Heading{n}']", NS)
        assert style.find("w:pPr/w:keepNext", NS) is not None and style.find("w:pPr/w:keepLines", NS) is not None
    names = [s.find("w:name", NS).get(qn("w:val")) for s in root.findall("w:style", NS)]
    assert "副标题" not in names and "Subtitle" not in names and "文稿副标题" in names


def test_page_number_stands_7_mm_below_the_type_area(exported: Path, tmp_path: Path, run_cli) -> None:
    section = docx.Document(str(exported)).sections[0]
    # 35 mm bottom margin − 7 mm − half of the exact 17.5 pt page-number line (3.09 mm)
    assert section.footer_distance.mm == pytest.approx(24.91, abs=0.05)
    footer = xml(exported, "word/footer1.xml").find("w:p/w:pPr/w:spacing", NS)
    assert footer.get(qn("w:lineRule")) == "exact" and footer.get(qn("w:line")) == "350"
    preset = tmp_path / "p.yaml"
    preset.write_text("page_number:\n  below_type_area_mm: 10\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n正文。\n", encoding="utf-8")
    assert run_cli("export", str(draft), "--preset", str(preset)).status == 0
    assert docx.Document(str(tmp_path / "d.docx")).sections[0].footer_distance.mm == pytest.approx(21.91, abs=0.05)


def test_refuses_blanks_without_the_flag(seed: Path, tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(seed.read_bytes())
    result = run_cli("export", str(draft))
    assert result.status == 1
    assert "还有 49 处未填写" in result.err and "▶**◀" in result.err
    assert not (tmp_path / "d.docx").exists()


def test_existing_output_replaced_with_backup(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n一、内容\n正文。\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    assert run_cli("export", str(draft), "-o", str(out)).status == 0
    assert zipfile.is_zipfile(out) and (tmp_path / "out.docx.bak").read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_speech_and_team_presets(tmp_path: Path, run_cli, monkeypatch) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n一、内容\n正文。\n", encoding="utf-8")
    assert run_cli("export", str(draft), "--preset", "speech", "-o", str(tmp_path / "s.docx")).status == 0
    assert docx.Document(str(tmp_path / "s.docx")).styles["Normal"].font.size.pt == 18
    team = tmp_path / "presets"
    team.mkdir()
    (team / "本单位.yaml").write_text("body:\n  size_pt: 15\nheading3:\n  bold: false\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_PRESET_PATH", str(team))
    assert run_cli("export", str(draft), "--preset", "本单位", "-o", str(tmp_path / "t.docx")).status == 0
    document = docx.Document(str(tmp_path / "t.docx"))
    assert document.styles["Normal"].font.size.pt == 15
    assert round(document.sections[0].top_margin.mm) == 37  # everything else from gbt9704
    bad = tmp_path / "bad.yaml"
    bad.write_text("body:\n  font_size: 18\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--preset", str(bad), "-o", str(tmp_path / "x.docx"))
    assert result.status == 2 and "body.font_size" in result.err and str(bad) in result.err
    missing = run_cli("export", str(draft), "--preset", "nonexistent")
    assert missing.status == 2 and "gbt9704" in missing.err


def test_reference_docx_provides_page_setup_header_and_styles(tmp_path: Path, run_cli) -> None:
    ref = docx.Document()
    section = ref.sections[0]
    section.top_margin = Mm(50)
    section.header.paragraphs[0].text = "某某集团党委文件"
    ref.add_paragraph("模板里的示例文字，不应出现在导出中。")
    ref.save(tmp_path / "红头.docx")
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n一、内容\n正文。\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--reference-docx", str(tmp_path / "红头.docx"))
    assert result.status == 0, result.err
    out = docx.Document(str(tmp_path / "d.docx"))
    assert round(out.sections[0].top_margin.mm) == 50
    assert out.sections[0].header.paragraphs[0].text == "某某集团党委文件"
    texts = [p.text for p in out.paragraphs]
    assert "模板里的示例文字，不应出现在导出中。" not in texts and "正文。" in texts
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert run_cli("export", str(draft), "--reference-docx", str(bad)).status == 2


def test_plain_outputs(seed: Path, tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_bytes(seed.read_bytes())
    assert (
        run_cli("export", str(draft), "--to", "txt", "-o", str(tmp_path / "o.txt"), "--allow-placeholders").status == 0
    )
    assert (tmp_path / "o.txt").read_bytes() == seed.read_bytes()
    assert run_cli("export", str(draft), "-o", str(tmp_path / "o.md"), "--allow-placeholders").status == 0
    md = (tmp_path / "o.md").read_text(encoding="utf-8")
    assert md.startswith("# 在2023年企业党组织书记抓基层党建工作述职评议会上的讲话\n\n同志们：")
    assert "## 一、充分肯定一年来集团系统党组织书记抓党建取得的成绩" in md
    assert "\\*\\*企" in md and "**企" not in md.replace("\\*\\*", "")
    blanks = json.loads(run_cli("check", str(tmp_path / "o.md"), "--format", "json", "--only", "placeholder").out)
    assert len(blanks) == 49  # the escaped blanks are still found in the Markdown copy
    same = run_cli("export", str(draft), "--to", "txt", "--allow-placeholders")
    assert same.status == 2 and "覆盖文稿本身" in same.err


def test_pdf_without_libreoffice_is_one_clear_line(tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("ProgramFiles", raising=False)
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n正文。\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--to", "pdf")
    assert result.status == 2 and "LibreOffice" in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "d.pdf").exists()


def test_pdf_through_libreoffice_keeps_the_22_line_grid(tmp_path: Path, run_cli) -> None:
    from drafter.export.pdf import find_soffice, preview_copy

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    draft = tmp_path / "d.txt"
    draft.write_text("标题\n\n" + "正文内容，" * 400 + "\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--to", "pdf")
    assert result.status == 0, result.err
    pdf = (tmp_path / "d.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    import shutil
    import subprocess

    if shutil.which("pdftotext"):  # a full page holds the standard's 22 lines of 28 characters
        page = subprocess.run(
            ["pdftotext", "-layout", "-f", "2", "-l", "2", str(tmp_path / "d.pdf"), "-"], capture_output=True
        ).stdout.decode("utf-8")
        lines = [line.strip() for line in page.splitlines() if line.strip() and "—" not in line]
        assert len(lines) == 22
        assert max(len(line.replace(" ", "")) for line in lines) == 28
    # The copy LibreOffice renders has the line grid only, same pitch; the .docx keeps both.
    assert run_cli("export", str(draft), "-o", str(tmp_path / "d.docx")).status == 0
    copy = preview_copy((tmp_path / "d.docx").read_bytes())
    assert b'w:type="lines"' in xml_bytes(copy) and b'w:linePitch="579"' in xml_bytes(copy)
    assert b"linesAndChars" in xml_bytes((tmp_path / "d.docx").read_bytes())


def test_preview_copy_joins_a_run_in_heading_for_libreoffice(tmp_path: Path, run_cli) -> None:
    """LibreOffice 7.4 breaks the line at a style separator; the copy it renders has one paragraph."""
    from drafter.export.pdf import preview_copy

    draft = tmp_path / "d.txt"
    draft.write_text("报告\n\n一、工作情况\n（一）加强政治建设。坚持“第一议题”制度。\n", encoding="utf-8")
    assert run_cli("export", str(draft)).status == 0
    root = etree.fromstring(xml_bytes(preview_copy((tmp_path / "d.docx").read_bytes())))
    texts = ["".join(p.itertext()) for p in root.iter(qn("w:p"))]
    assert "（一）加强政治建设。坚持“第一议题”制度。" in texts and "（一）加强政治建设。" not in texts
    assert root.find(".//w:specVanish", NS) is None


def xml_bytes(data: bytes) -> bytes:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def test_blanks_after_a_run_in_heading_are_the_highlighted_runs(tmp_path: Path, run_cli) -> None:
    """The rest of a run-in heading line is its own paragraph; its blanks must still be the yellow
    runs (they were shifted by twice the heading's length onto other characters)."""
    draft = tmp_path / "runin.txt"
    draft.write_text(
        "测试讲话\n\n同志们：\n\n一、总体情况\n\n（一）加强政治建设。全年召开**次会议，研究**项议题。\n\n"
        "  （二）抓好**建设。共**人。\n\n普通段落召开**次会议。\n",
        encoding="utf-8",
    )
    assert run_cli("export", str(draft), "--allow-placeholders", "-o", str(tmp_path / "r.docx")).status == 0
    root = xml(tmp_path / "r.docx", "word/document.xml")
    marked = [
        (
            "".join(r.itertext()),
            "".join("".join(x.itertext()) for x in reversed(list(r.itersiblings(qn("w:r"), preceding=True))))[-2:],
        )
        for r in root.iter(qn("w:r"))
        if r.find("w:rPr/w:highlight", NS) is not None
    ]
    assert marked == [("**", "召开"), ("**", "研究"), ("**", "抓好"), ("**", "共"), ("**", "召开")]
