"""The archive's word lists (genres, heading roles, fact masking) from archive.yaml, layered:
built-in < the user's folder < team folders (DRAFTER_ARCHIVE_RULES_PATH); a later file's key
replaces the earlier one, so a team can correct a list without copying the rest."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError

ENV_PATH = "DRAFTER_ARCHIVE_RULES_PATH"
FILE_NAME = "archive.yaml"
_KEYS = {"genres", "structure_genres", "roles", "masking"}
_MASK_KEYS = {"titles", "surnames", "unit_endings", "generic_prefixes", "kind_words"}


@dataclass(frozen=True)
class ArchiveRules:
    """Word lists in the order they are tried."""

    genres: tuple[tuple[str, tuple[str, ...]], ...]
    structure_genres: tuple[tuple[str, str], ...]  # line kind → genre
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    titles: tuple[str, ...]
    surnames: str
    unit_endings: tuple[str, ...]
    generic_prefixes: tuple[str, ...]
    kind_words: tuple[str, ...] = ()  # 智能(工厂): a kind of unit, not a name


def rule_files() -> list[Path]:
    """archive.yaml of every layer that has one, built-in first."""
    from drafter.layers import standard_folders

    builtin = Path(__file__).resolve().parent
    return [
        folder / FILE_NAME
        for _, folder in standard_folders(builtin, "archive-rules", ENV_PATH)
        if (folder / FILE_NAME).is_file()
    ]


@lru_cache(maxsize=4)
def load_rules(files: tuple[Path, ...] | None = None) -> ArchiveRules:
    """The merged rules; DataFileError names the file of a malformed list."""
    from drafter.yamlio import load_yaml

    merged: dict[str, Any] = {}
    for path in files if files is not None else tuple(rule_files()):
        data = load_yaml(path)
        if not isinstance(data, dict) or set(data) - _KEYS:
            raise DataFileError(str(path), f"应是一个映射，键只能是 {'、'.join(sorted(_KEYS))}")
        for key, value in data.items():
            if key == "masking":
                if not isinstance(value, dict) or set(value) - _MASK_KEYS:
                    raise DataFileError(str(path), f"'masking' 的键只能是 {'、'.join(sorted(_MASK_KEYS))}")
                merged.setdefault("masking", {}).update(value)
            else:
                merged[key] = value
    try:
        mask = merged.get("masking", {})
        return ArchiveRules(
            genres=tuple((str(g["genre"]), tuple(map(str, g["title"]))) for g in merged.get("genres", [])),
            structure_genres=tuple((str(k), str(v)) for k, v in merged.get("structure_genres", {}).items()),
            roles=tuple((str(r["role"]), tuple(map(str, r["heading"]))) for r in merged.get("roles", [])),
            titles=tuple(map(str, mask.get("titles", []))),
            surnames=str(mask.get("surnames", "")),
            unit_endings=tuple(sorted(map(str, mask.get("unit_endings", [])), key=len, reverse=True)),
            generic_prefixes=tuple(map(str, mask.get("generic_prefixes", []))),
            kind_words=tuple(map(str, mask.get("kind_words", []))),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        where = str(files[-1]) if files else FILE_NAME
        raise DataFileError(where, f"archive.yaml 的列表格式不对（{exc}）") from None
