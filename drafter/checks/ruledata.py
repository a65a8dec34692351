"""Rule data files: one shape, one loader, layered like the phrase bank.

Every rule family that reads data (blank forms, misquote pairs, reduplication lists, enumeration
words) reads `NAME.yaml` from each rule folder in layer order — built-in `drafter/rules/`, the
user's `rules/` folder (user data dir), the team folders of DRAFTER_RULES_PATH, then folders given
on the command line — and merges them the same way:

    entries:            # the data: a list of mappings, each identified by `id` (or the
      - id: …           # family's key field, e.g. `wrong` for misquote pairs)
        …
      - id: some-builtin-entry
        disabled: true  # a later layer retires one earlier entry without touching the rest
    specs:              # examples the file's rules must flag and must not flag (like prh);
                        # an entry may carry its own `specs:` too (retired with it)
      - flag: 研读《习近平谈国理政》      # must give a finding of one of this file's rules…
        fix: 研读《习近平谈治国理政》     # …and, with `fix`, be exactly this once fixed
      - pass: 研读《习近平谈治国理政》    # must give no finding of this file's rules

An entry of a later layer with the same key replaces the earlier one. Other top-level keys are
settings; a later layer's value replaces the earlier one. `applies_to` (top level) names the rule
ids or categories the specs are run against (default: the file's name as a category). A family may
name a legacy list key (`misquotes:` of older team files) that is read as `entries`. tests/test_rule_specs.py runs
every spec of every built-in file; `drafter.checks.ruledata.run_specs` does the same for a team's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError
from drafter.layers import COMMAND_LINE, Layer, standard_layers
from drafter.resources import rules_dir
from drafter.yamlio import load_yaml

ENV_PATH = "DRAFTER_RULES_PATH"
_RESERVED = {"entries", "specs", "applies_to", "key"}


def rule_layers(extra: Iterable[Path] = ()) -> list[Layer]:
    """Rule folders in layer order: 内置 < 用户 < 团队 < 命令行."""
    layers = standard_layers(rules_dir(), "rules", ENV_PATH)
    return [*layers, *(Layer(COMMAND_LINE, Path(p)) for p in extra)]


def rule_folders() -> list[Path]:
    return [layer.path for layer in rule_layers()]


@dataclass(frozen=True)
class Spec:
    """One example of a rule data file: `flag` text (with the expected `fix`) or `pass` text."""

    source: Path
    index: int
    text: str
    must_flag: bool
    fix: str | None = None


@dataclass
class RuleData:
    """The merged content of one rule data file across the layers."""

    name: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    specs: list[Spec] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def where(self, entry: dict[str, Any]) -> str:
        """The file and item an entry came from, for error messages."""
        return str(entry.get("_source", self.name))

    def strings(self, key: str) -> list[str]:
        """A setting that is a list of strings (a lone string counts as one)."""
        value = self.settings.get(key, [])
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataFileError(self.sources[-1] if self.sources else self.name, f"'{key}' 应是文字的列表")
        return value


def load_rule_data(
    name: str, layers: Sequence[Layer] | None = None, *, key: str | None = None, legacy: str | None = None
) -> RuleData:
    """`name.yaml` of every layer merged into one RuleData; DataFileError names file and item.
    Entries are identified by `id`, or by the field the file names in `key:` (the built-in file
    declares it, so a team's file of the same name needs not)."""
    data = RuleData(name)
    merged: dict[str, dict[str, Any]] = {}
    for layer in rule_layers() if layers is None else layers:
        path = layer.path / f"{name}.yaml"
        if not path.is_file():
            continue
        raw = _parsed(path)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise DataFileError(str(path), "规则文件应是一个映射（entries、specs……）")
        data.sources.append(path)
        if key is None and isinstance(raw.get("key"), str):
            key = raw["key"]
        entries = raw.get("entries", raw.get(legacy, []) if legacy else [])
        if not isinstance(entries, list):
            raise DataFileError(str(path), "'entries' 应是列表")
        for index, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise DataFileError(str(path), f"entries 第 {index} 项应是一个映射")
            ident = entry.get("id", entry.get(key or "id"))
            if not isinstance(ident, str) or not ident:
                raise DataFileError(str(path), f"entries 第 {index} 项缺少 '{key or 'id'}'")
            if entry.get("disabled") is True:
                merged.pop(ident, None)
                continue
            merged[ident] = {**entry, "_source": f"{path}（entries 第 {index} 项）"}
        data.specs.extend(_specs(path, raw.get("specs", [])))
        rules = raw.get("applies_to")
        if rules is not None:
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise DataFileError(str(path), "'applies_to' 应是规则编号的列表")
            data.rules = list(rules)
        for k, v in raw.items():
            if k not in _RESERVED and k != legacy:
                data.settings[k] = v
    data.entries = list(merged.values())
    for entry in data.entries:
        # An entry's own examples go with it: a team that retires the entry retires them too.
        if "specs" in entry:
            data.specs.extend(_specs(Path(str(entry["_source"]).split("（", 1)[0]), entry["specs"]))
    return data


def _parsed(path: Path) -> Any:
    """One rule file's YAML, from the user cache when these exact bytes were parsed before.
    Parsing the built-in files (6,000 mappings) costs every process about 0.2 s of CPU, more
    than checking a speech, and a folder check's workers and a long file's chunks each pay it;
    the parsed data loads from marshal in a few milliseconds. The key is the file's content, so
    an edited file is parsed again; what marshal cannot hold (a YAML date) is never cached, and
    a file that does not parse raises as before."""
    from drafter.bank import cache
    from drafter.fileio import read_data_file

    try:
        content = read_data_file(path)
    except OSError:
        return load_yaml(path)  # the one-line error naming the file
    source = Path(f"<rules:{path}>")
    digest = cache.digest(b"rules|" + content)
    stored = cache.read(source, digest)
    if isinstance(stored, tuple) and len(stored) == 1:
        return stored[0]
    value = load_yaml(path)
    cache.write(source, digest, (value,))
    return value


def _specs(path: Path, raw: Any) -> list[Spec]:
    if not isinstance(raw, list):
        raise DataFileError(str(path), "'specs' 应是列表（flag / fix / pass）")
    specs = []
    for index, item in enumerate(raw, 1):
        ok = isinstance(item, dict) and (isinstance(item.get("flag"), str) != isinstance(item.get("pass"), str))
        fix = item.get("fix") if isinstance(item, dict) else None
        if not ok or (fix is not None and (not isinstance(fix, str) or "flag" not in item)):
            raise DataFileError(str(path), f"specs 第 {index} 项应是 flag:（可加 fix:）或 pass: 之一")
        if "flag" in item:
            specs.append(Spec(path, index, item["flag"], True, fix))
        else:
            specs.append(Spec(path, index, item["pass"], False))
    return specs


def entry_str(data: RuleData, entry: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    """A string field of an entry; DataFileError naming file and item when it is wrong."""
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise DataFileError(data.where(entry), f"'{key}' 应是文字")
    return value


def entry_pattern(data: RuleData, entry: dict[str, Any], key: str = "pattern") -> str:
    """A regular expression field: valid, and refused when it could backtrack catastrophically
    (team data must not hang a check; see drafter/regexguard.py)."""
    import re

    from drafter.regexguard import unsafe_reason

    pattern = entry_str(data, entry, key) or ""
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise DataFileError(data.where(entry), f"'{key}' 不是有效的正则表达式（{str(exc)[:60]}）") from None
    unsafe = unsafe_reason(pattern)
    if unsafe:
        raise DataFileError(data.where(entry), f"'{key}' {unsafe}，请改写（例如用 [^】]{{1,20}} 代替嵌套的重复）")
    return pattern


def entry_strings(data: RuleData, entry: dict[str, Any], key: str) -> list[str]:
    """A list-of-strings field of an entry (a lone string counts as one)."""
    value = entry.get(key, [])
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(data.where(entry), f"'{key}' 应是文字的列表")
    return value


def spec_failures(data: RuleData, engine_for: Any) -> list[str]:
    """Run the file's specs; one Chinese line per failing example (empty: all pass).
    `engine_for(rules)` builds an engine restricted to those rule ids or categories."""
    from drafter.checks.fix import apply_fixes
    from drafter.document import Document

    engine = engine_for(data.rules or [data.name])
    failures = []
    for spec in data.specs:
        doc = Document(f"{spec.source}#specs{spec.index}", "text", spec.text)
        findings = engine.check(doc)
        label = f"{spec.source}: specs 第 {spec.index} 项"
        if spec.must_flag and not findings:
            failures.append(f"{label}：应当报出却没有报出：{spec.text}")
        elif not spec.must_flag and findings:
            got = "；".join(f"[{f.rule}] {f.text}" for f in findings)
            failures.append(f"{label}：不应报出却报出了 {got}：{spec.text}")
        elif spec.fix is not None:
            fixed = apply_fixes(engine, doc, findings).text
            if fixed != spec.fix:
                failures.append(f"{label}：自动改正后应为“{spec.fix}”，实际是“{fixed}”")
    return failures
