#!/usr/bin/env python3
"""Regression cases of the reliability probe (issue 15), on the bundled sample
with the real binary: counts equal what is stored and every entry id is
unique (repeated point letters), a read-only index is called read-only, a query
with invalid UTF-8 or control characters is repaired and never echoed raw, and
a pasted passage of a few hundred words is searched."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from tctest import Tracuu, check, done, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
sources = [os.path.join(sample, "phapdien"), os.path.join(sample, "congbao")]

# -- the printed counts are what is stored (point letters repeated in one
# clause once overwrote each other: 1,240 printed, 1,224 stored)
out = t.index(*sources).stdout
m = re.search(r"entries: (\d+) docs, (\d+) provisions \(and (\d+) of their clauses and points\), "
              r"(\d+) codified \(and (\d+)\)", out)
check(m is not None, f"index prints its entry counts: {out}")
printed = [int(x) for x in m.groups()] if m else [0] * 5
with open(os.path.join(t.db, "manifest.json")) as f:
    manifest = json.load(f)
stored = [manifest["counts"][k] for k in ("docs", "provisions", "provision-parts", "codified", "codified-parts")]
check(printed == stored, f"printed counts {printed} equal the stored ones {stored}")
ids = t.run("ids", "--db", t.db).stdout.split()
check(len(ids) == len(set(ids)), "every id is listed once")
check(len(ids) == sum(stored), f"{len(ids)} ids for {sum(stored)} stored entries")
# Nghị định 284/2026 repeats the letters a, b in d8/k7: each point is an entry
for pid in ("284/2026/nđ-cp/d8/k7/a", "284/2026/nđ-cp/d8/k7/a~2"):
    check(pid in ids, f"{pid} is an entry of its own")
rec = t.get("284/2026/nđ-cp/d8/k7/a~2")
check(rec.get("id") == "284/2026/nđ-cp/d8/k7/a~2" and rec.get("text"), "the second point 'a' keeps its text")
again = t.index(*sources).stdout
check(" 0 added, 0 changed" in again, f"a second run changes nothing: {again}")

# -- a first build is compacted, an update is not; what a compaction killed
# midway leaves (a database moved aside and not replaced, a half-made copy)
# is repaired by the next run, every entry where it was
check(re.search(r"compacted: [\d.]+ MB → [\d.]+ MB", out) is not None, f"a first build is compacted: {out}")
check("compacted:" not in again, f"a run that updates the index leaves it as written: {again}")
codified = os.path.join(t.db, "codified")
os.rename(codified, codified + ".old")
half = os.path.join(t.db, "codified-parts.compact")
os.makedirs(half)
with open(os.path.join(half, "postlist.glass"), "wb") as f:
    f.write(b"\0" * 8192)
after = t.index(*sources).stdout
check(" 0 added, 0 changed" in after, f"after a killed compaction the next run finds every entry: {after}")
check(not os.path.exists(codified + ".old") and not os.path.exists(half), "... and leaves nothing of it behind")
t.run("compact", "--db", t.db)
check(sorted(t.run("ids", "--db", t.db).stdout.split()) == sorted(ids), "tracuu compact keeps every entry")

# -- a query with invalid UTF-8 keeps its "query" (repaired), and control
# characters never reach the terminal
res = t.search("thanh", "ni\udcc3", "\udcc0\udcafn")  # bytes C3, C0 AF: invalid
check("query" in res and "\ufffd" in res["query"], f"the repaired query is in the results: {res.get('query')!r}")
proc = subprocess.run([t.binary, "search", "--db", t.db, "--limit", "1", "thanh \x1b[31mniên"],
                      capture_output=True)
check(proc.returncode == 0 and b"\x1b" not in proc.stdout, "no escape character is echoed to the terminal")
proc = subprocess.run([t.binary, "search", "--db", t.db, "thanh", "nie\x1b]0;x\x07n", "loai:khong-co"],
                      capture_output=True)
check(b"\x1b" not in proc.stderr and b"\x07" not in proc.stderr, "nor in an error message")

# -- a pasted passage of a few hundred words is searched (a 140-word passage
# once failed with "more than 1024 terms"); a long one is ranked by its most
# informative words, the others listed
text = t.get("284/2026/nđ-cp/d8")["text"]
words = " ".join(text.split()[:300])
res = t.search(words, limit=3)
check(res["total"] > 0 and res["hits"], "a 300-word passage finds articles")
check(res["hits"] and res["hits"][0]["id"].startswith("284/2026/nđ-cp/d8"),
      f"... first the article it comes from: {[h['id'] for h in res['hits']]}")
check(len(res.get("ignored_words", [])) > 0, "the least informative words of a long passage are listed as ignored")
proc = t.run("search", "--db", t.db, "x" * 5000, check_status=False)
check(proc.returncode == 2 and "4096 bytes" in proc.stderr and "words" in proc.stderr,
      f"an over-long query is refused with the limit in bytes and words: {proc.stderr.strip()}")

# -- a read-only index says so, not "locked by another writer"
mnt = tempfile.mkdtemp(prefix="tracuu-ro-")
if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt], capture_output=True).returncode == 0:
    try:
        db = os.path.join(mnt, "index")
        t.run("index", sources[0], "--db", db)
        subprocess.run(["mount", "-o", "remount,ro", mnt], check=True)
        for cmd in (["index", sources[0], "--db", db], ["compact", "--db", db]):
            proc = t.run(*cmd, check_status=False)
            check(proc.returncode != 0 and "Read-only file system" in proc.stderr and "locked" not in proc.stderr,
                  f"'{cmd[0]}' on a read-only index says so: {proc.stderr.strip()}")
        res = json.loads(t.run("search", "--json", "--db", db, "thanh niên").stdout)
        check(res["total"] > 0, "a read-only index is searched")
    finally:
        subprocess.run(["umount", mnt])
else:
    print("read-only case skipped: cannot mount a tmpfs here")
os.rmdir(mnt)

t.cleanup()
done("reliability")
