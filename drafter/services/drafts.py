"""Opening a draft for editing (a .docx is imported under a name that never overwrites a draft),
and saving it. The editor and `drafter edit` both come through here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.draft.outline import DEFAULT_RATE
from drafter.draftlock import DraftLock, DraftLockedError
from drafter.errors import DrafterError
from drafter.fileio import ChangedOnDiskError, WriteResult
from drafter.services.templates import TemplateCatalog, template_of
from drafter.session import DraftSession

if TYPE_CHECKING:
    from drafter.checks.engine import CheckEngine
    from drafter.checks.model import Finding

__all__ = [
    "ChangedOnDiskError",
    "DraftLock",
    "DraftLockedError",
    "import_target",
    "import_word_file",
    "lock_draft",
    "new_session",
    "open_draft",
    "open_word_file",
    "save_copy",
    "save_draft",
]


def import_target(source: Path) -> Path:
    """Where an imported .docx goes: the same name as .txt, or `name（导入1）.txt`, `（导入2）`… when
    that is already a draft (an import never overwrites one)."""
    target = source.with_suffix(".txt")
    n = 1
    while target.exists():
        target = source.with_name(f"{source.stem}（导入{n}）.txt")
        n += 1
    return target


def is_word_file(path: Path) -> bool:
    from drafter.readers import DOCX_SUFFIXES

    return path.suffix.lower() in DOCX_SUFFIXES


def open_draft(path: Path, rate: int = DEFAULT_RATE, catalog: TemplateCatalog | None = None) -> DraftSession:
    """A session on `path`: a text draft as read (any encoding drafter reads), or a .docx edited
    in place. The template it came from gives the editor its skeleton."""
    if path.is_dir():
        raise DrafterError(f"{path}: 这是一个文件夹，不是文稿")
    if is_word_file(path):
        return open_word_file(path, rate)
    from drafter.fileio import FileStamp
    from drafter.readers import read_path

    doc = read_path(path)
    session = DraftSession(path, doc.text, doc.text, doc.encoding, rate, newline=doc.newline or "\n")
    session.disk = doc.stamp if isinstance(doc.stamp, FileStamp) else None
    attach_template(session, catalog)
    return session


def attach_template(session: DraftSession, catalog: TemplateCatalog | None = None) -> None:
    """Give a text draft the skeleton of the template it was made from (its sidecar says). The
    editor opens a draft before its catalogue of templates is read and calls this again then."""
    if session.template_sections or session.word is not None or session.is_new:
        return
    template = template_of(session.path, catalog)
    if template is not None:
        session.template_sections = list(template.sections)


def open_word_file(path: Path, rate: int = DEFAULT_RATE) -> DraftSession:
    """A session on the Word file itself, not an import: its body paragraphs and table cells as the
    text; saving writes back only what changed (drafter.docxedit.edit). `drafter import` is the way
    to a text draft instead."""
    from drafter.docxedit.edit import open_docx_text
    from drafter.fileio import stamp

    before = stamp(path)
    word = open_docx_text(path)
    session = DraftSession(path, word.text, word.text, None, rate)
    session.word = word
    session.disk = before
    return session


def blanks_outside_text(session: DraftSession, engine: CheckEngine) -> list[Finding]:
    """The unfilled blanks of a Word file the editor does not show as text: its page headers and
    footers, text boxes, footnotes and endnotes (the editor edits the body and its tables in
    place; these parts are written back untouched). Each finding's `location` names the part;
    its line counts in the whole file as `drafter check` reads it, not in the editor's text.
    Empty for a text draft."""
    if session.word is None:
        return []
    from drafter.readers.docx import BODY, TABLE, read_docx

    doc = read_docx(session.word.data, str(session.path))
    return [f for f in engine.check(doc) if f.rule.startswith("placeholder") and f.location not in (BODY, TABLE)]


def import_word_file(path: Path, rate: int = DEFAULT_RATE) -> DraftSession:
    """A .docx imported into a new, unsaved text draft beside it (never over an existing draft)."""
    from drafter.draft.importer import import_document

    text = import_document(path)
    return DraftSession(import_target(path), text, "", "utf-8", rate)


def new_session(path: Path, rate: int = DEFAULT_RATE) -> DraftSession:
    """An empty draft at a path that does not exist yet: nothing is written until the first save."""
    return DraftSession(path, "", "", None, rate, is_new=True)


def save_draft(session: DraftSession, *, overwrite: bool = False) -> WriteResult:
    """Write the session's text atomically, the previous file kept as .bak; ChangedOnDiskError
    when someone changed the file since it was read (unless `overwrite`)."""
    return session.save(overwrite=overwrite)


def save_copy(session: DraftSession) -> Path:
    """Save the text beside the draft as `name（我的修改）.txt` (… 2, 3), leaving the file on disk
    as the other writer left it: the way out when both versions must be kept."""
    from drafter.fileio import write_draft_text

    stem, suffix = session.path.stem, session.path.suffix or ".txt"
    n = 1
    target = session.path.with_name(f"{stem}（我的修改）{suffix}")
    while target.exists():
        n += 1
        target = session.path.with_name(f"{stem}（我的修改{n}）{suffix}")
    if session.word is not None:
        from drafter.fileio import atomic_write_bytes

        atomic_write_bytes(target, session.word_bytes(), backup=False, expect=None)
        return target
    write_draft_text(target, session.text, encoding=session.encoding, newline=session.newline, expect=None)
    return target


def lock_draft(path: Path, *, take_over: bool = False) -> DraftLock:
    """The editor's lock beside the draft (`~$name`); DraftLockedError naming the holder when
    another live editor has it, unless `take_over` (the writer chose to, having been told)."""
    return DraftLock.acquire(path, force=take_over)
