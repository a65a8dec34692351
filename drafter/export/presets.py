"""Export presets: the GB/T 9704 defaults and the unit's own house styles.

A preset is a YAML file of single values over a base (`base: gbt9704`), so a team writes only what
differs: `body: {size_pt: 18}`. Layers, like the phrase bank: built-in < user (`presets/` in the
user data folder) < DRAFTER_PRESET_PATH folders < `--preset FILE`. Every key is checked, and a
mistake names the file and the key."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, shown
from drafter.layers import standard_folders
from drafter.resources import rules_dir

ENV_PATH = "DRAFTER_PRESET_PATH"
_ALIGN = ("left", "center", "right", "justify")
# The schema: section → key → (type, check). Types: float, int, str, bool, align.
SCHEMA: dict[str, dict[str, str]] = {
    "page": {
        "width_mm": "float",
        "height_mm": "float",
        "margin_top_mm": "float",
        "margin_bottom_mm": "float",
        "margin_left_mm": "float",
        "margin_right_mm": "float",
        "lines_per_page": "int",
        "chars_per_line": "int",
    },
    "body": {
        "font": "str",
        "size_pt": "float",
        "line_spacing_pt": "float",
        "first_line_indent_chars": "float",
        "align": "align",
    },
    "title": {"font": "str", "size_pt": "float", "bold": "bool", "align": "align", "line_spacing_pt": "float"},
    "subtitle": {"font": "str", "size_pt": "float", "bold": "bool", "align": "align"},
    "heading1": {"font": "str", "size_pt": "float", "bold": "bool"},
    "heading2": {"font": "str", "size_pt": "float", "bold": "bool"},
    "heading3": {"font": "str", "size_pt": "float", "bold": "bool"},
    "heading4": {"font": "str", "size_pt": "float", "bold": "bool"},
    "signature": {"align": "align", "right_indent_chars": "float"},
    "page_number": {
        "enabled": "bool",
        "font": "str",
        "size_pt": "float",
        "dash": "str",
        "indent_chars": "float",
        "below_type_area_mm": "float",
    },
    "table": {"font": "str", "size_pt": "float", "border_pt": "float", "align": "align"},
}
TOP_LEVEL = {"description": "str", "base": "str", "highlight_placeholders": "str", "author": "str"}
# Ranges a printed page can have (inclusive); beyond them Word refuses the file or prints nothing.
_MM = (0.0, 600.0)
_PT = (4.0, 200.0)
_CHARS = (0.0, 40.0)
RANGES: dict[str, tuple[float, float]] = {
    "width_mm": (50.0, 600.0),
    "height_mm": (50.0, 600.0),
    "margin_top_mm": _MM,
    "margin_bottom_mm": _MM,
    "margin_left_mm": _MM,
    "margin_right_mm": _MM,
    "lines_per_page": (1, 200),
    "chars_per_line": (1, 200),
    "size_pt": _PT,
    "line_spacing_pt": _PT,
    "first_line_indent_chars": _CHARS,
    "right_indent_chars": _CHARS,
    "indent_chars": _CHARS,
    "below_type_area_mm": (0.0, 30.0),
}
_MAX_TEXT = 200  # a font name, a dash, a description line


def builtin_presets_dir() -> Path:
    return rules_dir().parent / "presets"


def preset_folders() -> list[Path]:
    """Folders searched for a preset name, later winning."""
    return [path for _, path in standard_folders(builtin_presets_dir(), "presets", ENV_PATH)]


def available_presets() -> dict[str, Path]:
    """Preset name → file, later folders overriding earlier ones."""
    found: dict[str, Path] = {}
    for folder in preset_folders():
        for path in sorted(folder.glob("*.yaml")):
            found[path.stem] = path
    return found


def load_preset(name_or_file: str = "gbt9704") -> dict[str, Any]:
    """The complete preset: its base chain merged, every value checked."""
    return _load(name_or_file, seen=())


def _load(name_or_file: str, seen: tuple[str, ...]) -> dict[str, Any]:
    path = Path(name_or_file)
    if not (path.suffix.lower() in (".yaml", ".yml") and path.is_file()):
        presets = available_presets()
        if name_or_file not in presets:
            raise DataFileError(
                name_or_file, f"没有这个排版预设（可用：{'、'.join(presets)}；也可给出 .yaml 文件路径）"
            )
        path = presets[name_or_file]
    key = str(path.resolve())
    if key in seen:
        raise DataFileError(str(path), "预设的 base 形成了循环")
    from drafter.yamlio import load_yaml

    data = load_yaml(path) or {}
    _validate(data, str(path))
    base_name = data.get("base")
    if base_name is None and path.stem != "gbt9704":
        base_name = "gbt9704"
    base = _load(base_name, (*seen, key)) if base_name else {}
    merged = copy.deepcopy(base)
    for section, values in data.items():
        if section in SCHEMA:
            merged.setdefault(section, {}).update(values)
        elif section != "base":
            merged[section] = values
    merged["name"] = path.stem
    return merged


def _validate(data: Any, where: str) -> None:
    if not isinstance(data, dict):
        raise DataFileError(where, "预设应是一个映射（page、body、title……）")
    for section, values in data.items():
        if section in TOP_LEVEL:
            if not isinstance(values, str) or len(values) > _MAX_TEXT:
                raise DataFileError(where, f"'{section}' 应是文字（不超过 {_MAX_TEXT} 字）")
            continue
        if section not in SCHEMA:
            known = "、".join([*SCHEMA, *TOP_LEVEL])
            raise DataFileError(where, f"未知的键 '{shown(section)}'（可用：{known}）")
        if not isinstance(values, dict):
            raise DataFileError(where, f"'{section}' 应是一个映射，如 {section}: {{size_pt: 16}}")
        for key, value in values.items():
            kind = SCHEMA[section].get(key)
            if kind is None:
                raise DataFileError(where, f"未知的键 '{section}.{shown(key)}'（可用：{'、'.join(SCHEMA[section])}）")
            if not _type_ok(kind, value):
                raise DataFileError(where, f"'{section}.{key}' 的值 {shown(value)} 不对：应是{_KIND_NAMES[kind]}")
            bounds = RANGES.get(key)
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                raise DataFileError(
                    where, f"'{section}.{key}' 的值 {shown(value)} 超出范围：应在 {bounds[0]:g} 到 {bounds[1]:g} 之间"
                )


_KIND_NAMES = {
    "float": "正数",
    "int": "正整数",
    "str": "文字",
    "bool": "true 或 false",
    "align": "left、center、right 或 justify",
}


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "float":  # finite: `.inf` and `.nan` are YAML floats too
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "align":
        return isinstance(value, str) and value in _ALIGN
    return isinstance(value, str) and bool(value.strip()) and len(value) <= _MAX_TEXT
