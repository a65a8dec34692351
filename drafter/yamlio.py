"""Loading YAML data files with errors that name the file and line.

Writers and teams edit these files by hand; a mistake must point at the line, not raise a
traceback. The C loader is used when PyYAML has it, because the phrase bank is large.

Aliases (`*name`, and the `<<: *name` merge that uses them) are refused: no data file needs
them, and an alias bomb (each level referring to the previous one ten times) turns a few
hundred bytes into a value whose printing or walking takes gigabytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, os_reason
from drafter.fileio import read_data_file

ALIAS_REFUSED = "不允许使用锚点和别名（& 与 *）：请把内容直接写出；以 * 开头的文字（如 **）请加引号"
_LOADER: type | None = None


def loader_class() -> type:
    """PyYAML's safe loader (the C one when present) that refuses aliases, naming the line."""
    global _LOADER
    if _LOADER is None:
        import yaml
        from yaml.constructor import ConstructorError

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class NoAliasLoader(base):  # type: ignore[misc, valid-type]
            def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
                # A node met a second time is an alias (the composer shares the anchored node).
                if node in self.constructed_objects or node in self.recursive_objects:
                    raise ConstructorError(None, None, ALIAS_REFUSED, node.start_mark)
                return super().construct_object(node, deep)

        _LOADER = NoAliasLoader
    return _LOADER


def _loader() -> type:
    return loader_class()


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML file; DataFileError with the line number on any problem."""
    import yaml

    if text is None:
        try:
            raw = read_data_file(path)
        except OSError as exc:
            raise DataFileError(str(path), f"无法读取（{os_reason(exc)}）") from None
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
