"""False alarms on real published texts: tests/corpus/published/.

Every file there is a speech, report or host script copied as it was published (first line
`# source: …`, then a blank line, then the text). A finding on such a text is either a real slip of
the original or a false alarm. Real slips are listed, with the reason, in
tests/corpus/published/verdicts.yaml (`- {file, rule, text, why}`); every other finding is counted
as a false alarm, so the figure can only improve by fixing the rule or by a verdict someone wrote.

Run: python bench/published_eval.py [-v] [--folder DIR]

--folder scores another set laid out the same way (its own verdicts.yaml, if any): the held-out
set in tests/corpus/published_holdout/ is scored this way and never tuned on.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "corpus" / "published"


def published_text(path: Path) -> str:
    """The text without its source header (kept as blank lines so line numbers stay true)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("# source:"):
        lines[0] = ""
    return "\n".join(lines)


def published_year(path: Path) -> int | None:
    """The year the text was published, from its source line (`# source: … (title, 2024)`): the
    year a writer's own draft would carry on its date line, so the year-aware checks judge it by it."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    # `(…, 2024)` or a full date `(…, 2024-03-05)` at the end of the source line.
    m = re.search(r"(19|20)\d{2}(?=(?:-\d{1,2}-\d{1,2})?\)\s*$)", first)
    return int(m.group()) if m else None


def main(argv: list[str]) -> int:
    import yaml

    from drafter.checks import build_engine
    from drafter.document import Document

    verbose = "-v" in argv
    folder = Path(argv[argv.index("--folder") + 1]) if "--folder" in argv else FOLDER
    verdict_file = folder / "verdicts.yaml"
    verdicts = yaml.safe_load(verdict_file.read_text(encoding="utf-8")) if verdict_file.exists() else []
    real = {(v["file"], v["rule"], v["text"]) for v in verdicts or []}
    from drafter.config import Config

    engines: dict[int | None, object] = {}

    def engine_for(year: int | None):  # type: ignore[no-untyped-def]
        if year not in engines:
            engines[year] = build_engine(Config(year=year))
        return engines[year]

    chars = 0
    alarms: list[str] = []
    slips = 0
    files = sorted(p for p in folder.glob("*.txt"))
    for path in files:
        text = published_text(path)
        chars += sum(1 for ch in text if not ch.isspace())
        for f in engine_for(published_year(path)).check(Document(str(path), "text", text)):  # type: ignore[attr-defined]
            if (path.name, f.rule, f.text) in real:
                slips += 1
                continue
            where = f"{path.name}:{f.line}:{f.column} [{f.rule}]"
            alarms.append(f"{where} {f.before[-8:]}▶{f.text}◀{f.after[:8]} — {f.message}")
    per10k = len(alarms) / chars * 10_000 if chars else 0.0
    print(f"published texts: {len(files)} files, {chars} characters")
    print(f"real slips of the originals found: {slips}")
    print(f"false alarms: {len(alarms)} ({per10k:.2f} per 10,000 characters)")
    if verbose:
        for line in alarms:
            print("  ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
