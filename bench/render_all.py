"""Render every built-in template, with its variants and examples, into a folder a reviewer can
read: `<template>.<render>.txt`, where render is 默认 (no values given: blanks and defaults) or a
name of bench/render_examples.yaml (示例1, a topic, a voice, a speaker's role). Then check each file
as `drafter check` would, with the placeholder rules off (the blanks are meant), and print the
findings: every file should have none. tests/test_rendered_examples.py runs the same renders.

Run: python bench/render_all.py [OUT_DIR]   (default: ./rendered2)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "render_examples.yaml"


def _as_given(value: Any) -> str:
    """A value as a writer gives it with --set (lists as a|b, dates as 2026-12-28)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def render_examples(examples: Path = EXAMPLES) -> dict[str, str]:
    """Every render, by file name, in template order: 默认 first, then the named examples."""
    import yaml

    from drafter.templating import load_templates, render, resolve_values, template_layers

    data = yaml.safe_load(examples.read_text(encoding="utf-8"))
    common: dict[str, Any] = data.get("common") or {}
    named: dict[str, dict[str, dict[str, Any]]] = data.get("templates") or {}
    out: dict[str, str] = {}
    for template_id, template in load_templates(template_layers()[:1]).items():
        renders: dict[str, dict[str, Any]] = {"默认": {}}
        for name, values in (named.get(template_id) or {}).items():
            names = {v.name for v in template.variables}
            unknown = set(values) - names
            if unknown:
                raise SystemExit(f"{examples}: {template_id}.{name} 中没有变量 {sorted(unknown)}")
            renders[name] = {k: v for k, v in common.items() if k in names} | values
        for name, values in renders.items():
            given = {k: _as_given(v) for k, v in values.items()}
            resolved, _ = resolve_values(template, given, allow_missing=True)
            out[f"{template_id}.{name}.txt"] = render(template, resolved)
    return out


def findings(text: str, name: str) -> list[str]:
    """What `drafter check` reports on a render, the meant blanks aside."""
    from drafter.checks import build_engine
    from drafter.document import Document

    engine = build_engine(disable=["placeholder"])
    return [f"{f.line}:{f.column} {f.rule} {f.text}：{f.message}" for f in engine.check(Document(name, "text", text))]


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("rendered2")
    out_dir.mkdir(parents=True, exist_ok=True)
    renders = render_examples()
    dirty = 0
    for name, text in renders.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
        found = findings(text, name)
        dirty += bool(found)
        print(f"{name:<48} {len(text):>6} 字符  {len(found)} 处问题")
        for line in found:
            print(f"    {line}")
    print(f"{len(renders)} 个文件写入 {out_dir}，{dirty} 个有问题")
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
