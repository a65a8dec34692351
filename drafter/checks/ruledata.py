"""Rule data files, layered like the phrase bank: the built-in `drafter/rules/NAME.yaml`, then the
user's `rules/` folder (user data dir), then the folders of DRAFTER_RULES_PATH. A team extends a
list (its own misquotes) by dropping a file of the same name in its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import DataFileError
from drafter.layers import standard_folders
from drafter.resources import rules_dir
from drafter.yamlio import load_yaml

ENV_PATH = "DRAFTER_RULES_PATH"


def rule_folders() -> list[Path]:
    return [path for _, path in standard_folders(rules_dir(), "rules", ENV_PATH)]


def load_rule_data(name: str) -> list[tuple[Path, dict[str, Any]]]:
    """Every layer's `name.yaml`, in layer order, as (path, mapping)."""
    out = []
    for folder in rule_folders():
        path = folder / f"{name}.yaml"
        if path.is_file():
            data = load_yaml(path)
            if data is None:
                continue
            if not isinstance(data, dict):
                raise DataFileError(str(path), "规则文件应是一个映射")
            out.append((path, data))
    return out


def string_list(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(str(path), f"'{key}' 应是文字的列表")
    return value
