"""test_latency.py - the latency benchmark (benchmarks/latency) runs end to end
on the bundled sample: query sets drawn from the data, the same for the same
seed; every shape through every engine and target, with sane figures; the
JSON report; the perf loop; bad options refused.

usage: test_latency.py TRACUU BENCH_LATENCY

It checks that the instrument works, not how fast anything is: speed is
the benchmark's own business (benchmarks/latency/README.md)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from tctest import check, done  # noqa: E402

SHAPES = ["word", "phrase", "and3", "question", "unaccented", "number", "citation", "listing"]
TARGETS = ["all", "codified", "provisions", "docs"]


def run(*args, timeout=600):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)


def main():
    tracuu, bench = sys.argv[1], sys.argv[2]
    sample = os.environ["TRACUU_SAMPLE_CORPUS"]
    data = ["--phapdien", os.path.join(sample, "phapdien"), "--alqac", os.path.join(sample, "alqac")]
    tmp = tempfile.mkdtemp(prefix="tracuu-latency-test-")
    try:
        index = os.path.join(tmp, "index")
        proc = run(tracuu, "index", os.path.join(sample, "phapdien"), os.path.join(sample, "congbao"),
                   "--db", index)
        check(proc.returncode == 0, f"tracuu index: {proc.stderr[-500:]}")

        # the query sets: drawn from the data, distinct, fixed by the seed
        first = run(bench, *data, "--print-queries", "--queries", "5")
        again = run(bench, *data, "--print-queries", "--queries", "5")
        other = run(bench, *data, "--print-queries", "--queries", "5", "--seed", "2")
        check(first.returncode == 0, f"--print-queries: {first.stderr[-500:]}")
        check(first.stdout == again.stdout, "the same seed drew other queries")
        check(first.stdout != other.stdout, "another seed drew the same queries")
        lines = [line.split("\t", 1) for line in first.stdout.splitlines()]
        for shape in SHAPES:
            texts = [text for s, text in lines if s == shape]
            check(len(texts) == 5, f"{shape}: {len(texts)} queries, want 5")
            check(len(set(texts)) == len(texts), f"{shape}: repeated queries {texts}")
        for shape, text in lines:
            if shape == "phrase":
                check(text.startswith('"') and text.endswith('"') and len(text.split()) == 2,
                      f"phrase: {text!r} is not two quoted syllables")
            elif shape == "and3":
                check(len(text.split()) == 3, f"and3: {text!r} is not three words")
            elif shape == "listing":
                check(text.startswith("loai:") and " nam:" in text, f"listing: {text!r}")
            elif shape == "citation":
                check("Điều " in text, f"citation: {text!r} cites no article")
            elif shape == "unaccented":
                check(text.isascii() or all(ord(c) < 0x300 or not c.isalpha() for c in text),
                      f"unaccented: {text!r} keeps marks")

        # a whole run, 3 queries per shape
        report = os.path.join(tmp, "latency.json")
        peers = os.path.join(tmp, "peers")
        proc = run(bench, "--db", index, *data, "--queries", "3", "--json", report, "--workdir", peers,
                   "--label", "test")
        check(proc.returncode == 0, f"bench_latency: {proc.stderr[-1000:]}")
        check("tracuu ÷ stock Xapian" in proc.stdout, "no ratio table")
        with open(report, encoding="utf-8") as f:
            out = json.load(f)
        # peers: a row counting exactly and one counting up to tracuu's bound
        rows = {(r["shape"], r["engine"], r.get("target") or r["count_bound"] or 0): r for r in out["results"]}
        bound = next((r["count_bound"] for r in out["results"] if r["count_bound"]), None)
        check(bound and bound >= 1000, f"no bounded rows by default (bound {bound})")
        for shape in SHAPES:
            for target in TARGETS:
                check((shape, "tracuu", target) in rows, f"no row for {shape} tracuu {target}")
            for engine in ("xapian", "fts5"):
                check((shape, engine, 0) in rows, f"no row for {shape} {engine}")
                check((shape, engine, bound) in rows, f"no row for {shape} {engine} counting up to {bound}")
            check(len(out["queries"].get(shape, [])) == 3, f"{shape}: query set not in the JSON")
        for key, r in rows.items():
            check(r["queries"] == 3, f"{key}: {r['queries']} queries timed")
            check(r["failed"] == 0, f"{key}: failed: {r.get('first_error')}")
            check(0 < r["p50_ms"] <= r["p99_ms"], f"{key}: p50 {r['p50_ms']} p99 {r['p99_ms']}")
            check(r["queries_per_second"] > 0, f"{key}: no queries/s")
            check(0 <= r["hit_share"] <= 1 and r["with_hits"] <= r["queries"], f"{key}: hit share")
            check(r["approximate"] == (r["engine"] != "tracuu" and key[0] in ("number", "citation", "listing")),
                  f"{key}: approximate is {r['approximate']}")
            if r["engine"] == "tracuu":
                check(r["p50_ratio_xapian"] > 0 and r["p99_ratio_xapian"] > 0, f"{key}: no ratios")
                check(r["cpu_p50_ratio_xapian_bounded"] > 0, f"{key}: no ratio to the bounded count")
        # words from the headings are found by every engine
        for shape in ("word", "and3", "question"):
            for key in ((shape, "tracuu", "all"), (shape, "tracuu", "codified"), (shape, "xapian", 0),
                        (shape, "fts5", 0)):
                check(rows.get(key, {}).get("with_hits", 0) > 0, f"{key}: no query found anything")
        builds = {b["engine"]: b for b in out["builds"]}
        for engine in ("xapian", "fts5"):
            b = builds.get(engine)
            check(b and b["entries"] == out["codified_articles"] > 1000, f"{engine}: build row {b}")
            check(b and b["bytes"] > 0 and b["seconds"] > 0 and b["peak_rss_kb"] > 0, f"{engine}: build {b}")
        check(os.path.isdir(os.path.join(peers, "xapian")) and os.path.isdir(os.path.join(peers, "fts5")),
              "--workdir: the peers were not kept")
        check(out["searcher"]["rss_kb"] >= 0, "no searcher memory")

        # tracuu alone, stock Xapian's figures from the report above
        again = os.path.join(tmp, "again.json")
        proc = run(bench, "--db", index, *data, "--queries", "3", "--engines", "tracuu", "--shape", "word",
                   "--target", "docs", "--baseline", report, "--json", again)
        check(proc.returncode == 0, f"--baseline: {proc.stderr[-500:]}")
        if proc.returncode == 0:
            with open(again, encoding="utf-8") as f:
                rows = json.load(f)["results"]
            check(len(rows) == 1 and rows[0]["target"] == "docs", f"--shape word --target docs: {rows}")
            check(rows and rows[0].get("p50_ratio_xapian", 0) > 0 and rows[0].get("cpu_p50_ratio_xapian", 0) > 0,
                  "--baseline: no ratios")

        # the peers with a bounded count too, in rows of their own
        bounded = os.path.join(tmp, "bounded.json")
        proc = run(bench, *data, "--queries", "3", "--shape", "word", "--engines", "xapian,fts5",
                   "--count-bound", "2", "--json", bounded)
        check(proc.returncode == 0, f"--count-bound: {proc.stderr[-500:]}")
        if proc.returncode == 0:
            with open(bounded, encoding="utf-8") as f:
                rows = json.load(f)["results"]
            check(sorted((r["engine"], r["count_bound"] or 0) for r in rows) ==
                  [("fts5", 0), ("fts5", 2), ("xapian", 0), ("xapian", 2)], f"--count-bound rows: {rows}")
            for r in rows:
                if r["count_bound"]:
                    check(r["median_total"] <= 2, f"{r['engine']}: count up to 2 gave {r['median_total']}")

        # the perf loop
        proc = run(bench, "--db", index, *data, "--queries", "3", "--shape", "word", "--engines", "tracuu",
                   "--target", "codified", "--loop", "0.5")
        check(proc.returncode == 0 and "loop: word on tracuu in codified" in proc.stdout,
              f"--loop: {proc.stdout} {proc.stderr[-500:]}")
        proc = run(bench, *data, "--queries", "3", "--shape", "listing", "--engines", "fts5", "--loop", "0.2")
        check(proc.returncode == 0 and "loop: listing on fts5" in proc.stdout, f"--loop fts5: {proc.stderr[-500:]}")

        # usage errors
        for args in (["--shape", "nope"], ["--target", "everything"], ["--engines", "lucene"],
                     ["--queries", "0"], ["--loop", "1", "--engines", "tracuu,fts5", "--shape", "word"]):
            proc = run(bench, "--db", index, *data, *args)
            check(proc.returncode == 2, f"{args}: exit {proc.returncode}, want 2")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    done("latency")


if __name__ == "__main__":
    main()
