#!/usr/bin/env python3
"""Indexing the real corpus: incremental update between the two pháp điển
snapshots equals a fresh index of the current one; a killed run leaves a
searchable index and the next run completes it; the query forms on real
data. Skipped without ../shared/corpus."""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from tctest import Tracuu, check, done, shared_corpus, skip  # noqa: E402

corpus = shared_corpus()
if not corpus:
    skip("../shared/corpus is absent")
binary = os.environ.get("TRACUU_FULL_BINARY") or sys.argv[1]
old = os.path.join(corpus, "phapdien-2025-02")
new = os.path.join(corpus, "phapdien")

updated = Tracuu(binary)
fresh = Tracuu(binary, db=os.path.join(updated.tmp, "fresh"))
killed = Tracuu(binary, db=os.path.join(updated.tmp, "killed"))


def counts(out):
    m = re.search(r"(\d+) added, (\d+) changed, (\d+) unchanged, (\d+) removed", out)
    return tuple(int(x) for x in m.groups()) if m else None


# 1. the older snapshot, then the current one with --prune
first = counts(updated.index(old).stdout)
check(first and first[0] > 69000, f"older snapshot indexed: {first}")
second = counts(updated.index(new, extra=["--prune"]).stdout)
check(second is not None, "update reports its counts")
added, changed, unchanged, removed = second
print(f"update: {added} added, {changed} changed, {unchanged} unchanged, {removed} removed")
check(added > 5000 and removed > 5000 and unchanged > 30000 and changed > 1000,
      f"real change between the snapshots is seen: {second}")

# 2. a fresh index of the current snapshot
fresh.index(new)


def ids(t):
    return t.run("ids", "--db", t.db).stdout.split("\n")


check(ids(updated) == ids(fresh), "the updated index holds exactly the fresh index's ids")

QUERIES = ["thanh niên", "quyền sử dụng đất", "bảo hiểm xã hội bắt buộc", "nd 12/2011",
           "Điều 1 Luật Thanh niên", "khoản 2 Điều 3 Luật số 57/2020/QH14", "hop dong lao dong",
           '"hợp đồng lao động"', "phòng cháy -rừng", "chude:36 thanh niên", "xử phạt vi phạm hành chính",
           "giấy phép lái xe", "thuế thu nhập cá nhân", "an ninh mạng", "trẻ em"]


def answers(t, q):
    res = t.search(q, limit=10, target="codified")
    return res["total"], sorted((round(h["score"], 6), h["id"]) for h in res["hits"])


for q in QUERIES:
    a, b = answers(updated, q), answers(fresh, q)
    check(a == b, f"same answers for '{q}': {a[0]} vs {b[0]}")

# definition questions over the whole codification: the clause that defines the term
for q, term in [("Không gian mạng là gì?", "Không gian mạng là"), ("Thế nào là nhãn phụ?", "Nhãn phụ là"),
                ("Thanh niên là gì?", "Thanh niên là công dân Việt Nam")]:
    hits = fresh.search(q, limit=1, target="codified")["hits"]
    snippet = hits[0].get("snippet", "") if hits else ""
    check(term in snippet, f"'{q}' → the definition first: {hits[0].get('title') if hits else None}: {snippet[:80]}")

# 3. kill a run midway: the index stays searchable, and the next run completes it
proc = subprocess.Popen([binary, "index", new, "--db", killed.db, "--batch-mb", "8"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 600
while time.time() < deadline and proc.poll() is None:
    time.sleep(1)
    probe = subprocess.run([binary, "ids", "--db", killed.db, "--in", "codified"], capture_output=True, text=True)
    if probe.returncode == 0 and len(probe.stdout.split("\n")) > 5000:
        break
was_running = proc.poll() is None
proc.send_signal(signal.SIGKILL)
proc.wait()
check(was_running, "the run was killed midway")
partial = killed.run("ids", "--db", killed.db, "--in", "codified").stdout.split("\n")
res = killed.search("thanh niên", target="codified")
check(0 < len(partial) < len(ids(fresh)), f"after the kill, {len(partial)} articles are committed and searchable")
check(res["total"] >= 0, "search works on the killed index")
rerun = counts(killed.index(new).stdout)
check(rerun and rerun[2] > 0, f"the next run keeps what was committed: {rerun}")
check(ids(killed) == ids(fresh), "and completes the job")

# 4. an interrupt (SIGINT) stops cleanly and says so
inter = Tracuu(binary, db=os.path.join(updated.tmp, "interrupted"))
proc = subprocess.Popen([binary, "index", new, "--db", inter.db], stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True)
time.sleep(3)
proc.send_signal(signal.SIGINT)
out, _ = proc.communicate()
check(proc.returncode == 130 and "interrupted" in out, f"SIGINT: {proc.returncode} {out.strip()[:200]}")
check(inter.run("ids", "--db", inter.db).returncode == 0, "the interrupted index opens")

for t in (updated, fresh, killed, inter):
    pass
updated.cleanup()
done("full")
