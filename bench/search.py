"""Search benchmark: index a synthetic corpus, time queries, compare with an icontains scan, measure
relevance among the distractors, and load the production server with wrk.

    ./run bench search [--docs 200000] [--db sqlite|postgres|both] [--no-wrk]

Prints its figures; `bench/README.md` records a run. PostgreSQL: uses ZWGK_TEST_PG_URL or the local
cluster that `./run test` prepares, in a database of its own (zwgk_bench, or ZWGK_BENCH_PG_NAME), dropped and made afresh.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

SELECTIVE = ["浮府办发〔2021〕35号", "浮教体发[2023]12号", "划片范围", "口袋公园", "保障性租赁住房管理办法", "征地补偿安置",
             "最低生活保障", "府办公室关于印发", "義務教育招生", "高标准农田建设", "陶瓷文化传承", "森林防火 专项行动",
             "食品安全监督抽检 公示", "茶产业发展 实施意见", "退役军人优抚"]
BROAD = ["通知", "浮梁县", "工作", "2024", "政府", "教育", "实施方案", "管理办法", "乡镇 人民政府", "安全"]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def setup_database(kind: str, var_dir: Path) -> dict[str, str]:
    # Latencies are measured cold: the result cache is off in this process (the server test turns it on).
    env = {"ZWGK_VAR_DIR": str(var_dir), "ZWGK_HTTPS": "0", "ZWGK_DB_CONN_MAX_AGE": "60", "ZWGK_LOG_LEVEL": "WARNING",
           "ZWGK_SEARCH_CACHE_SECONDS": "0"}
    if kind == "postgres":
        import psycopg

        base = os.environ.get("ZWGK_TEST_PG_URL", "postgres://zwgk:zwgk@127.0.0.1:5432/zwgk")
        name = os.environ.get("ZWGK_BENCH_PG_NAME", "zwgk_bench")  # several benches on one cluster: one database each
        admin = psycopg.connect(base, autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
    return env


def run(kind: str, n_docs: int, use_wrk: bool) -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix=f"zwgk-bench-{kind}-"))
    env = setup_database(kind, var_dir)
    os.environ.update(env)
    if kind == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "zwgk.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from django.utils import timezone

    import _corpus as corpus
    import search_corpus
    from zwgk.core.codes import make_uscc
    from zwgk.core.models import Organization, User
    from zwgk.publishing.models import Document
    from zwgk.search import index, query
    from zwgk.search.models import SearchEntry

    out: dict = {"database": kind, "documents": n_docs}
    gov = Organization.objects.create(name="浮梁县人民政府", short_name="县政府", kind="government", code=make_uscc("1", "1", "360222", "BN000000"))
    orgs = {}
    for i, (name, prefix) in enumerate(corpus.ORGS, start=1):
        orgs[name] = Organization.objects.create(
            name=f"浮梁县{name}", short_name=name, kind="department", doc_prefix=prefix, parent=gov,
            code=make_uscc("1", "1", "360222", f"BN{i:06d}"),
        )
    author = User.objects.create(username="bench")

    # A few thousand real Document rows for the document-page load test; the rest index-only.
    page_docs = min(2000, n_docs)
    t0 = time.perf_counter()
    batch: list = []
    with transaction.atomic():
        for doc in corpus.generate(n_docs):
            org = orgs[doc.org]
            if len(batch) < page_docs:
                d = Document.objects.create(
                    kind="document", organization=org, created_by=author, status="published", title=doc.title,
                    body_html="".join(f"<p>{p}</p>" for p in doc.body.split("\n") if p), body_text=doc.body,
                    doc_number=doc.doc_number, topic=doc.topic, genre=doc.genre, validity=doc.validity,
                    published_at=doc.published_at, index_no=f"{org.code}/{doc.published_at.year}-{len(batch) + 1:05d}",
                )
                batch.append(d.pk)
                key = str(d.pk)
            else:
                key = doc.key
            index.update(index.Item(
                kind="document", object_id=key, title=doc.title, url=f"/documents/{key}/", text=doc.body,
                organization_id=org.pk, organization_name=org.short_name, topic=doc.topic, genre=doc.genre,
                validity=doc.validity, published_at=doc.published_at, doc_number=doc.doc_number,
            ))
    for key, title, number, topic, genre, org_name, body in search_corpus.DOCS:
        index.update(index.Item(
            kind="document", object_id=f"rel-{key}", title=title, url=f"/r/{key}/", text=body, organization_name=org_name,
            topic=topic, genre=genre, validity="valid", published_at=timezone.now(), doc_number=number,
        ))
    elapsed = time.perf_counter() - t0
    out["index_seconds"] = round(elapsed, 1)
    out["index_docs_per_second"] = round(n_docs / elapsed)
    if connection.vendor == "postgresql":
        # As after any bulk load: vacuum (visibility map for index-only scans) and fresh statistics, so
        # autovacuum does not run in the middle of the measurements.
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE search_vector")
            cur.execute("VACUUM ANALYZE search_searchentry")
    else:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
    print(f"[{kind}] indexed {n_docs} documents in {elapsed:.0f} s ({n_docs / elapsed:.0f}/s)", flush=True)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_total_relation_size('search_vector')")
        else:
            cur.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'")
        out["fulltext_mb"] = round(cur.fetchone()[0] / 2**20, 1)
    print(f"[{kind}] full-text index {out['fulltext_mb']} MB", flush=True)

    def timed(queries: list[str], repeat: int) -> list[float]:
        times = []
        for _ in range(repeat):
            for q in queries:
                t = time.perf_counter()
                query.search(q, limit=20)
                times.append((time.perf_counter() - t) * 1000)
        return times

    timed(SELECTIVE + BROAD, 1)  # warm caches
    for name, qs in (("selective", SELECTIVE), ("broad", BROAD), ("all", SELECTIVE + BROAD)):
        t = timed(qs, 3)
        out[f"latency_{name}_ms"] = {p: round(percentile(t, v), 1) for p, v in (("p50", .5), ("p95", .95), ("p99", .99))}
    latency = {k: v for k, v in out.items() if k.startswith("latency")}
    print(f"[{kind}] query latency (ms, with facets): {json.dumps(latency, ensure_ascii=False)}", flush=True)

    # Baseline: the same selective queries as a plain icontains scan over title and text.
    from django.db.models import Q

    base_times = []
    for q in SELECTIVE[:8]:
        t = time.perf_counter()
        list(SearchEntry.objects.filter(Q(title__icontains=q) | Q(text__icontains=q)).order_by("-published_at")[:20])
        base_times.append((time.perf_counter() - t) * 1000)
    ours = timed(SELECTIVE[:8], 1)
    out["icontains_baseline_ms"] = {"p50": round(statistics.median(base_times), 1), "max": round(max(base_times), 1)}
    out["same_queries_ours_ms"] = {"p50": round(statistics.median(ours), 1), "max": round(max(ours), 1)}
    print(f"[{kind}] icontains scan p50 {out['icontains_baseline_ms']['p50']} ms vs ours {out['same_queries_ours_ms']['p50']} ms", flush=True)

    # Relevance among the distractors.
    rr, found = [], 0
    for q, expected in search_corpus.QUERIES:
        keys = [h.entry.object_id for h in query.search(q, limit=10, facets=False).hits]
        target = f"rel-{expected}"
        if target in keys:
            found += 1
            rr.append(1 / (keys.index(target) + 1))
        else:
            rr.append(0)
    out["mrr"] = round(sum(rr) / len(rr), 3)
    out["recall_at_10"] = round(found / len(rr), 3)
    print(f"[{kind}] relevance over {len(rr)} queries: MRR {out['mrr']}, recall@10 {out['recall_at_10']}", flush=True)

    if use_wrk and shutil.which("wrk"):
        connection.close()
        out["wrk"] = load_test(env, batch[len(batch) // 2])
        print(f"[{kind}] wrk: {json.dumps(out['wrk'], ensure_ascii=False)}", flush=True)
    elif use_wrk:
        out["wrk"] = "wrk not installed (apt-get install wrk)"
    return out


def load_test(env: dict[str, str], doc_id: int) -> dict:
    results = {}
    # Cold first (result and page caches off), then as deployed (both on, the defaults).
    for cache_seconds, label in (("0", ""), ("300", "_cached")):
        results.update(_wrk({**os.environ, **env, "ZWGK_SEARCH_CACHE_SECONDS": cache_seconds, "ZWGK_PAGE_CACHE_SECONDS": cache_seconds},
                            doc_id, label))
    return results


def _wrk(server_env: dict[str, str], doc_id: int, label: str) -> dict:
    port = "8765"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [gunicorn, "zwgk.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        env=server_env, cwd=ROOT,
    )
    try:
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/documents/{doc_id}/", timeout=2)
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        results = {}
        from urllib.parse import quote

        pages = [("document_page" + label, f"/documents/{doc_id}/"), ("search_page" + label, "/search/?q=" + quote("义务教育招生"))]
        for name, path in pages:
            text = subprocess.run(
                ["wrk", "-t2", "-c16", "-d15s", "--latency", f"http://127.0.0.1:{port}{path}"],
                capture_output=True, text=True, timeout=60,
            ).stdout
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
            p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
            p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
            results[name] = {"requests_per_second": round(rps), "p99_ms": round(p99_ms, 1), "non_2xx": int(errors.group(1)) if errors else 0}
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--no-wrk", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT " + json.dumps(run(args.child, args.docs, not args.no_wrk), ensure_ascii=False), flush=True)
        return
    results = []
    for kind in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        # One process per database: Django's settings are read once per process.
        cmd = [sys.executable, __file__, "--child", kind, "--docs", str(args.docs)] + (["--no-wrk"] if args.no_wrk else [])
        proc = subprocess.run(cmd, capture_output=False, text=True, stdout=subprocess.PIPE)
        for line in proc.stdout.splitlines():
            if line.startswith("RESULT "):
                results.append(json.loads(line[7:]))
            else:
                print(line)
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
