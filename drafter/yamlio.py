"""Loading YAML data files with errors that name the file and line.

Writers and teams edit these files by hand; a mistake must point at the line, not raise a
traceback. The C loader is used when PyYAML has it, because the phrase bank is large.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import DataFileError


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML file; DataFileError with the line number on any problem."""
    import yaml

    if text is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataFileError(str(path), f"无法读取（{exc.strerror or exc}）") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataFileError(str(path), "不是 UTF-8 编码：数据文件请保存为 UTF-8") from None
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "格式错误"
        raise DataFileError(str(path), f"YAML 格式错误：{problem}", line) from None
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), f"YAML 格式错误：{exc}") from None
