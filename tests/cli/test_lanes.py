#!/usr/bin/env python3
"""The two lanes of `tracuu index` committing at every batch, on the bundled
sample with the real binary: with `--batch-mb 1` the caller commits the
databases of records and articles a few records apart and queues the commit
of the parts databases for the parts lane's thread, and the codification's
headings, written at the end, queue one more just before the run's last
commit. Each run with two threads must end cleanly with the index one thread
writes (its ids, its counts, `tracuu verify` clean). A commit of one
database on both threads at once once failed here with "New revision too
low" or a double free (one run in three); the build under ThreadSanitizer
(scripts/test.sh) runs this test too, where such a race is a report and the
run's exit status 66."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tctest import Tracuu, check, done, sample_corpus  # noqa: E402

RUNS = 4
binary = sys.argv[1]
sample = sample_corpus()
sources = [os.path.join(sample, "phapdien"), os.path.join(sample, "congbao")]
KINDS = ("docs", "provisions", "provision-parts", "codified", "codified-parts")


def build(threads):
    t = Tracuu(binary)
    proc = t.run("index", *sources, "--db", t.db, "--batch-mb", "1", "--threads", str(threads),
                 "--no-compact", check_status=False)
    with open(os.path.join(t.db, "manifest.json")) as f:
        stored = json.load(f)["counts"]
    counts = [stored[k] for k in KINDS]
    ids = t.run("ids", "--db", t.db).stdout.split()
    return t, proc, counts, ids


one, proc, counts, ids = build(1)
check(proc.returncode == 0, f"one thread: exit {proc.returncode}: {proc.stderr[-1500:]}")
check(len(ids) == sum(counts) and all(counts), f"one thread: {len(ids)} ids for counts {counts}")

for run in range(RUNS):
    t, proc, counts2, ids2 = build(2)
    check(proc.returncode == 0, f"two threads, run {run + 1}: exit {proc.returncode}: {proc.stderr[-3000:]}")
    check(counts2 == counts, f"two threads, run {run + 1}: counts {counts2}, one thread's {counts}")
    check(ids2 == ids, f"two threads, run {run + 1}: the ids differ from one thread's")
    verify = t.run("verify", "--db", t.db, check_status=False)
    check(verify.returncode == 0, f"two threads, run {run + 1}: verify: {verify.stdout[-800:]}{verify.stderr[-800:]}")

# an update of that index, pruning, with the same small batches: nothing changes
again = t.run("index", *sources, "--db", t.db, "--batch-mb", "1", "--threads", "2", "--prune",
              check_status=False)
check(again.returncode == 0, f"an update: exit {again.returncode}: {again.stderr[-3000:]}")
check(re.search(r" 0 added, 0 changed, \d+ unchanged, 0 removed", again.stdout) is not None,
      f"an update with nothing new changes nothing: {again.stdout}")

done("lanes")
