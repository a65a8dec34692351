"""Archive quality bars: build, open, search and memory at 1,000,000 paragraphs, beside a naive
scan over the same paragraphs measured in the same run; SQLite and (with --postgres) PostgreSQL.

    python bench/bench_archive.py                      # 10,000 documents × 100 paragraphs
    python bench/bench_archive.py --docs 500           # a quick run
    python bench/bench_archive.py --postgres postgresql://drafter@/postgres?host=/tmp/…

The synthetic archive is generated into --dir (default /tmp/drafter-bench-archive), never into
git: each document is a genre's skeleton from the built-in templates (title, salutation, the
template's headings, its closing) filled with paragraphs made of phrase-bank sentences and
varied facts; some template paragraphs recur from document to document with other figures, as
a unit's own material does. Every phase runs in its own process so that memory is its own.
Bars: build ≥ 10,000 paragraphs/s; open < 0.3 s; search p50 ≤ 5 ms, p95 ≤ 20 ms; memory < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNITS = ["华东能源", "西南电网", "北方重工", "中原建设", "东海港务", "江南化工", "岭南交通", "塞北煤业"]
FACTS = [
    "全年完成{a}项，同比增长{p}%。",
    "累计投入资金{a}万元，覆盖职工{b}人。",
    "开展专项检查{a}次，整改问题{b}项，整改率{p}%。",
    "新建{a}个党支部，发展党员{b}名。",
    "营业收入达到{a}亿元，利润总额{b}亿元。",
]


# -- generating the synthetic archive -------------------------------------------------------------


def _skeletons() -> list[tuple[str, list[str]]]:
    """(genre, rendered lines) of every built-in template with its default values."""
    from drafter.templating import load_templates, render, resolve_values, template_layers

    out = []
    for template in load_templates(template_layers()).values():
        values, _ = resolve_values(template, {}, allow_missing=True)
        out.append((template.genre, render(template, values).splitlines()))
    return out


def generate(folder: Path, docs: int, paragraphs: int) -> dict[str, object]:
    from drafter.bank.phrasebank import PhraseBank
    from drafter.draft import parse_draft
    from drafter.draft.model import HEADING, TITLE

    marker = folder / f".generated-{docs}x{paragraphs}"
    if marker.is_file():
        return json.loads(marker.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bank = PhraseBank.load(search=False)
    sentences = [e.text.rstrip("。；，") for e in bank.entries if len(e.text) >= 8]
    skeletons = []
    for genre, lines in _skeletons():
        draft = parse_draft("\n".join(lines) + "\n")
        headings = [lines[n - 1] for n in sorted(draft.headings)]
        recurring = [lines[i] for i, k in enumerate(draft.kinds) if k == "paragraph" and len(lines[i]) > 20][:6]
        title = next((lines[i] for i, k in enumerate(draft.kinds) if k == TITLE), genre)
        skeletons.append((genre, title, headings or ["一、主要工作"], recurring, HEADING))
    rnd = random.Random(20261201)
    total = 0
    start = time.perf_counter()
    for d in range(docs):
        genre, title, headings, recurring, _ = skeletons[d % len(skeletons)]
        year = 2015 + d % 11
        unit = rnd.choice(UNITS)
        body = [f"{unit}{year}年{title.lstrip('在').split('上的')[0][:30]}", "", "同志们："]
        # paragraphs - 1 body paragraphs spread over the headings, then the closing: `paragraphs` in all.
        share, extra = divmod(paragraphs - 1, len(headings))
        for index, heading in enumerate(headings):
            body.append(heading)
            for k in range(share + (index < extra)):
                if k < len(recurring) and rnd.random() < 0.3:
                    text = recurring[k]  # the template's own paragraph, reused
                    text = text.replace("**", str(rnd.randint(2, 99)), 2)
                else:
                    parts = rnd.sample(sentences, rnd.randint(3, 5))
                    fact = rnd.choice(FACTS).format(
                        a=rnd.randint(3, 9999), b=rnd.randint(2, 999), p=f"{rnd.randint(1, 99)}.{rnd.randint(0, 9)}"
                    )
                    text = "，".join(parts) + "。" + fact
                body.append(text)
        body.append(f"同志们，让我们在{unit}党委的坚强领导下，凝心聚力、开拓进取，奋力谱写高质量发展新篇章！")
        body.append(f"{year}年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日")
        sub = folder / f"{d // 100:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{year}-{genre}-{d:05d}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
        total += paragraphs
    info = {"docs": docs, "paragraphs": total, "seconds": round(time.perf_counter() - start, 1)}
    marker.write_text(json.dumps(info), encoding="utf-8")
    return info


# -- the phases, each in its own process ----------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process (all its threads): on a shared machine, a figure that other
    people's work does not inflate the way it inflates wall-clock time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _readers_cpu() -> float:
    """CPU seconds of the reader processes that have ended: they are the forkserver's children,
    not this process's, so the forkserver's own account of its reaped children (Linux /proc)."""
    try:
        from multiprocessing import forkserver

        pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
        if not pid:
            return 0.0
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime + cstime
    except (ImportError, AttributeError, OSError, ValueError, IndexError):
        return 0.0


def phase_build(location: str, docs: Path) -> dict[str, object]:
    from drafter.archive import open_archive

    start = time.perf_counter()
    cpu = _cpu()
    with open_archive(location) as archive:
        report = archive.add([str(docs)])
        seconds = time.perf_counter() - start
        cpu = _cpu() - cpu
        counts = archive.counts()
    readers = _readers_cpu()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "readers_cpu": readers,
        "load": os.getloadavg()[0],
        "paragraphs": report.paragraphs,
        "passages": counts[1],
        "per_second": report.paragraphs / seconds,
        "rss_mb": _rss_mb(),
    }


def phase_docx(folder: Path, docs: Path, count: int) -> dict[str, object]:
    """The writer's case: a folder of `count` past .docx files (made from the synthetic texts),
    added to a new archive; then one draft compared with it."""
    import docx

    from drafter.archive import open_archive

    target = folder / f"docx-{count}"
    if not (target / ".done").is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for source in sorted(docs.rglob("*.txt"))[:count]:
            document = docx.Document()
            for line in source.read_text(encoding="utf-8").splitlines():
                document.add_paragraph(line)
            document.save(str(target / (source.stem + ".docx")))
        (target / ".done").write_text("", encoding="utf-8")
    location = folder / f"docx-{count}.sqlite"
    location.unlink(missing_ok=True)
    start = time.perf_counter()
    with open_archive(str(location)) as archive:
        report = archive.add([str(target)])
        seconds = time.perf_counter() - start
        draft = next(iter(sorted(docs.rglob("*.txt")))).read_text(encoding="utf-8")
        start = time.perf_counter()
        result = archive.similar(draft)
        similar = time.perf_counter() - start
    return {
        "files": report.added,
        "paragraphs": report.paragraphs,
        "seconds": seconds,
        "similar_seconds": similar,
        "similar_paragraphs": len(result.matches),
        "share": result.share,
        "rss_mb": _rss_mb(),
    }


def phase_open(location: str) -> dict[str, object]:
    start = time.perf_counter()
    from drafter.archive import open_archive

    archive = open_archive(location, create=False)
    opened = time.perf_counter() - start
    archive.search("安全生产", 5)
    first = time.perf_counter() - start
    archive.close()
    return {"open": opened, "first_search": first, "rss_mb": _rss_mb()}


def make_queries(location: str, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, query): Hanzi pieces, two-character words, full pinyin, initials, a wrong character."""
    from drafter.archive import open_archive
    from drafter.archive.pinyin import passage_keys

    rnd = random.Random(seed)
    with open_archive(location, create=False) as archive:
        top = archive.backend.execute("SELECT max(id) FROM passages")[0][0]
        ids = [rnd.randint(1, top) for _ in range(count * 3)]
        marks = ",".join("?" * len(ids))
        texts = [r[0] for r in archive.backend.execute(f"SELECT text FROM passages WHERE id IN ({marks})", ids)]
    runs = [run for t in texts for run in _hanzi_runs(t) if len(run) >= 6]
    rnd.shuffle(runs)
    common = (
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
        "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
        "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
    )
    queries: list[tuple[str, str]] = []
    for k, run in enumerate(runs):
        if len(queries) >= count:
            break
        kind = ("hanzi", "hanzi", "short", "pinyin", "initials", "wrong")[k % 6]
        if kind == "hanzi":
            size = rnd.randint(3, 6)
            start = rnd.randint(0, len(run) - size)
            queries.append((kind, run[start : start + size]))
        elif kind == "short":
            start = rnd.randint(0, len(run) - 2)
            queries.append((kind, run[start : start + 2]))
        elif kind == "pinyin":
            start = rnd.randint(0, len(run) - 3)
            queries.append((kind, passage_keys(run[start : start + 3])[0]))
        elif kind == "initials":
            start = rnd.randint(0, len(run) - 4)
            queries.append((kind, passage_keys(run[start : start + 4])[1]))
        else:
            start = rnd.randint(0, len(run) - 6)
            piece = list(run[start : start + 6])
            piece[rnd.randint(1, 4)] = rnd.choice(common)
            queries.append((kind, "".join(piece)))
    return queries


def _hanzi_runs(text: str) -> list[str]:
    import re

    return re.findall(r"[\u4e00-\u9fff]+", text)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def phase_search(location: str, queries: list[tuple[str, str]]) -> dict[str, object]:
    from drafter.archive import open_archive

    times: dict[str, list[float]] = {}
    cpu_times: list[float] = []
    cpu_by_kind: dict[str, list[float]] = {}
    found = 0
    with open_archive(location, create=False) as archive:
        # The pinyin tables and the cache, as an editor has them after start-up (a Hanzi query
        # that the text tier answers would not load them; a pinyin query does).
        archive.search("安全生产", 5)
        archive.search("anquanshengchan", 5)
        for kind, query in queries:
            start, cpu = time.perf_counter(), time.thread_time()
            hits = archive.search(query, 20)
            times.setdefault(kind, []).append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - cpu)
            cpu_by_kind.setdefault(kind, []).append(cpu_times[-1])
            found += bool(hits)
    every = [t for ts in times.values() for t in ts]
    return {
        "p50": _percentile(every, 0.5),
        "p95": _percentile(every, 0.95),
        "cpu_p50": _percentile(cpu_times, 0.5),
        "cpu_p95": _percentile(cpu_times, 0.95),
        "by_kind": {
            k: (*(_percentile(v, q) for q in (0.5, 0.95)), *(_percentile(cpu_by_kind[k], q) for q in (0.5, 0.95)))
            for k, v in times.items()
        },
        "found": found,
        "queries": len(queries),
        "rss_mb": _rss_mb(),
    }


def phase_naive(location: str, queries: list[tuple[str, str]]) -> dict[str, object]:
    """The obvious way: every paragraph and its keys in lists, each query a full pass."""
    from rapidfuzz import fuzz, process

    from drafter.archive import open_archive
    from drafter.archive.pinyin import passage_keys

    with open_archive(location, create=False) as archive:
        rows = archive.backend.execute("SELECT text, pinyin, initials FROM passages")
    texts = [r[0] for r in rows]
    fulls = [r[1] for r in rows]
    initials = [r[2] for r in rows]
    del rows
    times = []
    for kind, query in queries:
        start = time.perf_counter()
        if kind in ("hanzi", "short"):
            hits = [i for i, t in enumerate(texts) if query in t]
        elif kind == "pinyin":
            hits = [i for i, t in enumerate(fulls) if query in t]
        elif kind == "initials":
            hits = [i for i, t in enumerate(initials) if query in t]
        else:
            full = passage_keys(query)[0]
            hits = [i for i, t in enumerate(fulls) if full in t]
            if not hits:
                hits = [m[2] for m in process.extract(query, texts, scorer=fuzz.partial_ratio, limit=20)]
        hits.sort(key=lambda i: len(texts[i]))
        times.append(time.perf_counter() - start)
    return {"p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95), "rss_mb": _rss_mb()}


# -- driving ---------------------------------------------------------------------------------------


def _run(*args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fresh_postgres(url: str) -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema},public"


def _report(name: str, location: str, docs: Path, queries_n: int, naive_n: int) -> None:
    build = _run("build", location, str(docs))
    print(
        f"[{name}] build: {build['paragraphs']:,} paragraphs ({build['passages']:,} distinct passages) "
        f"in {build['seconds']:.1f} s = {build['per_second']:,.0f} paragraphs/s "
        f"(bar 10,000: {build['per_second'] / 10000:.2f}×), peak {build['rss_mb']:.0f} MB; "
        f"{build['cpu']:.1f} CPU-seconds in this process = {build['paragraphs'] / build['cpu']:,.0f} paragraphs "
        f"per CPU-second, {build['readers_cpu']:.1f} in the reader processes "
        f"({build['paragraphs'] / (build['cpu'] + build['readers_cpu']):,.0f} per CPU-second in all; "
        f"a database server's own CPU is not in it); load average {build['load']:.1f} at the end"
    )
    opened = _run("open", location)
    print(
        f"[{name}] open: {opened['open'] * 1000:.0f} ms (bar 300 ms: {opened['open'] / 0.3:.2f}× of it); "
        f"open + first search {opened['first_search'] * 1000:.0f} ms"
    )
    qfile = docs.parent / f"queries-{name}.json"
    qfile.write_text(json.dumps(_run("queries", location, str(queries_n))["queries"]), encoding="utf-8")
    search = _run("search", location, str(qfile))
    print(
        f"[{name}] search over {search['queries']} mixed queries: p50 {search['p50'] * 1000:.1f} ms "
        f"(bar 5), p95 {search['p95'] * 1000:.1f} ms (bar 20); {search['found']} found something; "
        f"peak {search['rss_mb']:.0f} MB (bar 300); CPU time per query p50 {search['cpu_p50'] * 1000:.1f} ms, "
        f"p95 {search['cpu_p95'] * 1000:.1f} ms (the server's own CPU not included)"
    )
    for kind, (p50, p95, cpu50, cpu95) in search["by_kind"].items():
        print(
            f"[{name}]   {kind:<8} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms   "
            f"CPU p50 {cpu50 * 1000:5.1f} ms  p95 {cpu95 * 1000:5.1f} ms"
        )
    sample = json.loads(qfile.read_text(encoding="utf-8"))[:naive_n]
    nfile = docs.parent / f"naive-{name}.json"
    nfile.write_text(json.dumps(sample), encoding="utf-8")
    naive = _run("naive", location, str(nfile))
    print(
        f"[{name}] naive scan of the same paragraphs ({len(sample)} of the queries): p50 {naive['p50'] * 1000:.0f} ms, "
        f"p95 {naive['p95'] * 1000:.0f} ms, {naive['rss_mb']:.0f} MB → the index is "
        f"{naive['p50'] / search['p50']:.0f}× faster at p50, {naive['p95'] / search['p95']:.0f}× at p95"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--paragraphs", type=int, default=100, help="paragraphs per document")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/drafter-bench-archive"))
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--naive", type=int, default=30, help="how many of the queries the naive scan runs")
    parser.add_argument("--postgres", metavar="URL", help="also measure a PostgreSQL archive on this server")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--docx", type=int, default=500, help="a folder of this many .docx files (0: skip)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "build":
            result = phase_build(rest[0], Path(rest[1]))
        elif name == "docx":
            result = phase_docx(Path(rest[0]), Path(rest[1]), int(rest[2]))
        elif name == "open":
            result = phase_open(rest[0])
        elif name == "queries":
            result = {"queries": make_queries(rest[0], int(rest[1]))}
        elif name == "search":
            result = phase_search(rest[0], [tuple(q) for q in json.loads(Path(rest[1]).read_text(encoding="utf-8"))])
        elif name == "naive":
            result = phase_naive(rest[0], [tuple(q) for q in json.loads(Path(rest[1]).read_text(encoding="utf-8"))])
        else:
            raise SystemExit(f"unknown phase {name}")
        print(json.dumps(result))
        return
    docs = args.dir / "docs"
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
        "(other work on the machine slows every figure)"
    )
    info = generate(docs, args.docs, args.paragraphs)
    print(f"synthetic archive: {info['docs']:,} documents, {info['paragraphs']:,} paragraphs in {docs}")
    if args.docx:
        d = _run("docx", str(args.dir), str(docs), str(args.docx))
        print(
            f"[docx] {d['files']} .docx files, {d['paragraphs']:,} paragraphs added in {d['seconds']:.1f} s "
            f"({d['paragraphs'] / d['seconds']:,.0f} paragraphs/s); similar on a {d['similar_paragraphs']}-paragraph "
            f"draft in {d['similar_seconds']:.2f} s ({d['share']:.0%} repeated); peak {d['rss_mb']:.0f} MB"
        )
    if not args.no_sqlite:
        location = str(args.dir / "archive.sqlite")
        for suffix in ("", "-journal"):
            Path(location + suffix).unlink(missing_ok=True)
        _report("sqlite", location, docs, args.queries, args.naive)
        print(f"[sqlite] file size {Path(location).stat().st_size / 2**20:.0f} MB")
    if args.postgres:
        _report("postgresql", _fresh_postgres(args.postgres), docs, args.queries, args.naive)


if __name__ == "__main__":
    main()
