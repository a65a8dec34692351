"""A .docx opened for changing a few characters and nothing else.

python-docx re-serialises every part it loaded, so saving through it rewrites styles, numbering and
settings even when nothing there changed. Here the package is kept as its zip members: only the
parts whose text was edited are serialised again; every other member is written back with exactly
the bytes it had, in the same order, with the same compression.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from drafter.errors import InputError


@dataclass
class _Member:
    info: zipfile.ZipInfo
    data: bytes


@dataclass
class DocxPackage:
    """The members of a .docx, with the XML trees of the parts someone asked to edit."""

    path: str
    members: list[_Member]
    _trees: dict[str, Any] = field(default_factory=dict)
    _dirty: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, data: bytes, path: str) -> DocxPackage:
        """Read every member; `read_docx` has already refused corrupt, legacy and encrypted files."""
        from drafter.readers.docx import read_docx

        read_docx(data, path)
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                members = [_Member(info, archive.read(info)) for info in archive.infolist()]
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise InputError(path, f"Word 文件已损坏（{type(exc).__name__}）：请在 Word 中打开后重新保存") from None
        return cls(path, members)

    def names(self) -> list[str]:
        return [m.info.filename for m in self.members]

    def tree(self, name: str) -> Any:
        """The parsed root of part `name` (parsed once; entities never resolved)."""
        if name not in self._trees:
            from lxml import etree

            member = next(m for m in self.members if m.info.filename == name)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)
            self._trees[name] = etree.fromstring(member.data, parser)
        return self._trees[name]

    def mark_changed(self, name: str) -> None:
        self._dirty.add(name)

    @property
    def changed(self) -> set[str]:
        return set(self._dirty)

    def save(self) -> bytes:
        """The package's bytes: edited parts serialised, the rest byte for byte as they were."""
        from lxml import etree

        out = BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for member in self.members:
                data = member.data
                if member.info.filename in self._dirty:
                    data = etree.tostring(
                        self._trees[member.info.filename], xml_declaration=True, encoding="UTF-8", standalone=True
                    )
                archive.writestr(member.info, data, compress_type=member.info.compress_type)
        return out.getvalue()
