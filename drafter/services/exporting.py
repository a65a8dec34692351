"""A draft to Word (or txt/md), the same from the command line and the editor: the placeholder
rules of the user's and the team's configuration decide; with blanks left the export is refused,
or, when the writer allows it, done with every blank highlighted in yellow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.config import Config
from drafter.errors import DrafterError, InputError
from drafter.services.checking import Finding, blank_spans, check_text, errors_of, make_engine

FORMATS = ("docx", "pdf", "txt", "md")
DEFAULT_PRESET = "gbt9704"


class BlanksLeftError(DrafterError):
    """Unfilled blanks and no permission to export them; `findings` are the blanks."""

    def __init__(self, path: str, findings: list[Finding]) -> None:
        super().__init__(f"{path}: 还有 {len(findings)} 处未填写，未导出")
        self.path = path
        self.findings = findings


@dataclass
class ExportRequest:
    source: Path  # the draft's file (names the findings; never overwritten)
    text: str  # the draft's text as it is now (the editor's may be unsaved)
    target: Path | None = None  # default: the draft's name with the format's suffix
    fmt: str | None = None  # default: from target's suffix, else docx
    preset: str = DEFAULT_PRESET
    reference: Path | None = None  # a unit's own .docx: styles, page set-up, red header
    allow_placeholders: bool = False
    config: Config = field(default_factory=Config)


@dataclass
class ExportResult:
    target: Path
    fmt: str
    highlighted: int  # blanks exported with a highlight


# The suffixes that name an output format (a target with another suffix is taken as the writer says).
_SUFFIX_FORMATS = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md"}


def output_format(target: Path | None, fmt: str | None) -> str:
    """The format to write: `fmt` (--to), else the target's suffix, else docx.

    `--to pdf -o 讲话.docx` is refused rather than guessed: following the suffix would ignore
    what the writer asked for, and following --to would write a PDF that Word cannot open under
    a .docx name. Either guess leaves a wrong file behind; one line saying so costs a retype."""
    named = _SUFFIX_FORMATS.get(target.suffix.lower()) if target is not None else None
    if fmt is not None and named is not None and named != fmt:
        raise DrafterError(
            f"{target}: --to {fmt} 与输出文件的扩展名 {target.suffix} 不符，请改用 -o {target.stem}.{fmt}，或去掉 --to"
        )
    chosen = fmt or (target.suffix.lower().lstrip(".") if target is not None and target.suffix else "docx")
    chosen = _SUFFIX_FORMATS.get(f".{chosen}", chosen)
    if chosen not in FORMATS:
        raise DrafterError(f"{target}: 不认识的输出格式，请用 --to docx、pdf、txt 或 md")
    return chosen


def available_presets() -> list[str]:
    """Preset names, the standard's first."""
    from drafter.export.presets import available_presets as names

    return sorted(names(), key=lambda name: (name != DEFAULT_PRESET, name))


def export_draft(request: ExportRequest) -> ExportResult:
    """Write the export atomically (the previous file kept as .bak). BlanksLeftError when blanks
    remain and are not allowed; DrafterError for a bad preset, reference or folder."""
    from drafter.draft import parse_draft
    from drafter.fileio import atomic_write_bytes, stamp
    from drafter.readers import MARKDOWN_SUFFIXES
    from drafter.readers.markdown import draft_text

    fmt = output_format(request.target, request.fmt)
    target = request.target or request.source.with_suffix(f".{fmt}")
    if target.resolve() == request.source.resolve():
        raise DrafterError(f"{target}: 输出会覆盖文稿本身，请换一个文件名")
    before = stamp(target)  # an export replaces this version only, not one written meanwhile
    text = request.text
    if request.source.suffix.lower() in MARKDOWN_SUFFIXES:  # `# 标题` is the title 标题, not text
        text = draft_text(text)
    engine = make_engine(request.config, only=["placeholder"])
    findings = check_text(engine, request.source, text)
    errors = errors_of(findings)
    if errors and not request.allow_placeholders:
        raise BlanksLeftError(str(request.source), errors)
    draft = parse_draft(text)
    if fmt == "txt":
        from drafter.export.plain import to_txt

        data = to_txt(draft).encode("utf-8")
    elif fmt == "md":
        from drafter.export.plain import to_markdown

        data = to_markdown(draft).encode("utf-8")
    else:
        from drafter.export.docx_writer import build_docx
        from drafter.export.presets import load_preset

        preset = load_preset(request.preset)
        if request.reference is not None:
            check_reference(request.reference)
        data = build_docx(draft, preset, blank_spans(findings), request.reference)
        if fmt == "pdf":
            from drafter.export.pdf import docx_to_pdf

            data = docx_to_pdf(data, str(request.source))
    atomic_write_bytes(target, data, expect=before)
    return ExportResult(target, fmt, len(errors) if fmt in ("docx", "pdf") else 0)


def check_reference(path: Path) -> None:
    """A reference .docx that exists and reads; InputError saying what to do otherwise."""
    from drafter.readers.docx import check_reference_docx

    if not path.is_file():
        raise InputError(str(path), "参考模板文件不存在")
    check_reference_docx(path)
