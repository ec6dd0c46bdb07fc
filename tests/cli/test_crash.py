#!/usr/bin/env python3
"""SIGKILL `tracuu index` at random moments (seeded: the seed is printed, and
TRACUU_CRASH_SEED replays it) and check what the README promises: a killed run
leaves the last commit searchable and the next run completes the job.

Two situations, each over the bundled sample (pháp điển + Công báo):
  first   a first index into a new database;
  update  an update with --prune of an existing index, from a copy of the
          sample that drops a đề mục, edits an article and adds a document.
Each is run as chains: the command is started, killed after a random time,
checked, started again (the same command) and killed again, ... until a run
completes; that run must equal a fresh index. Kill times are spread over the
whole of a run's work, measured first (the length of a fresh run, and of a
re-run that finds nothing to do): the k-th kill of a chain falls at a random
point of the k-th of equal slices of the work, counting what the chain has
committed so far (its entries) as work a re-run skips, so the kills cover
the start, the training of the zstd dictionary (when a first index has seen
2,000 codified entries, a third of the way), the commits and the end. Most
chains commit often (--batch-mb 1: every seventh of the sample, so more
kills fall inside a commit); the others commit once, at the end (the
default batch), and in a first index are killed after the dictionary is
trained, while it and the records it compressed wait for that commit.

After each kill: `tracuu verify` passes (every stored record decodes, every
clause and point entry has its article), `tracuu ids` is a consistent
committed set (every part's article listed, nothing that neither the old nor
the new sources hold), and search prints no blank hit. After the completing
run: the same ids and the same results (ids, order, totals) of a few
searches as a fresh index of the same sources. One more kill, in the first
chain of a first index, falls as soon as its first database appears: while
the databases are created.

TRACUU_CRASH_KILLS sets the number of kills (default 20, split between the
two situations)."""
import collections
import os
import random
import resource
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import indexcheck  # noqa: E402
from tctest import check, done, sample_corpus  # noqa: E402

binary = sys.argv[1]
# Under AddressSanitizer (CI), a smaller quarantine of freed memory: the
# default 256 MB makes each of the test's hundred short runs touch fresh
# pages for every allocation (`verify` takes 3 times as long); what this test
# checks does not depend on it, and the other tests run the same code with
# the default.
if os.environ.get("ASAN_OPTIONS") is not None and "quarantine_size_mb" not in os.environ["ASAN_OPTIONS"]:
    os.environ["ASAN_OPTIONS"] += ":quarantine_size_mb=16"
seed = int(os.environ.get("TRACUU_CRASH_SEED") or int(time.time() * 1000) % 1000000)
kills_wanted = int(os.environ.get("TRACUU_CRASH_KILLS") or 20)
print(f"seed {seed} (replay: TRACUU_CRASH_SEED={seed}), {kills_wanted} kills", flush=True)
rng = random.Random(seed)
started = time.monotonic()
work = tempfile.mkdtemp(prefix="tracuu-crash-")
stats = {"kills": 0, "failed_kills": 0, "failed": collections.Counter(), "chains": 0, "chains_differ": 0}
# Kill times are scaled by this when runs turn out shorter than measured (the
# machine's load changes).
pace = [1.0]


def index_cmd(sources, db, batch, prune):
    cmd = [binary, "index", *sources, "--db", db]
    if batch:
        cmd += ["--batch-mb", str(batch)]
    if prune:
        cmd.append("--prune")
    return cmd


def timed(cmd):
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc, time.monotonic() - start


def start_and_kill(cmd, after, appears=None):
    """Run CMD; SIGKILL it (and its children: Xapian's lock holder,
    pdftotext) AFTER seconds, or with APPEARS as soon as that path exists,
    unless it ends first. Returns (killed, returncode, stdout, stderr)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    killed = False
    if appears:
        while proc.poll() is None and not os.path.exists(appears):
            time.sleep(0.001)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
    else:
        try:
            proc.wait(timeout=after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
    out, err = proc.communicate()
    # the session's other processes (a lock holder) are gone too
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return killed, proc.returncode, out, err


def after_kill(db, label, allowed):
    """The checks after a kill. ALLOWED: every id the index may hold (the old
    and the new sources'). Returns the number of entries committed."""
    failures = []  # (which check, what)
    ok, out = indexcheck.verify(binary, db)
    if not ok and not os.path.exists(os.path.join(db, "manifest.json")) and "no index at" in out:
        print("    killed before the index was created: nothing to check", flush=True)
        return 0  # killed before the first run wrote anything: nothing was committed
    if not ok:
        problems = [line for line in out.splitlines() if not line.startswith("verified ")]
        failures.append(("verify", f"{len(problems)} problems: {problems[:3]} ... {problems[-1:]}"))
    listing = indexcheck.ids(binary, db)
    if listing is None:
        failures.append(("ids", "tracuu ids fails"))
    else:
        bad = indexcheck.orphans(listing)
        if bad:
            failures.append(("ids: parts without their article", f"{len(bad)}: {bad[:3]}"))
        for kind, present in listing.items():
            stray = sorted(set(present) - allowed[kind])
            if stray:
                failures.append(("ids: held by no source", f"{len(stray)} {kind}: {stray[:3]}"))
    failures += [("search: blank hits or failure", b) for b in indexcheck.blank_hits(binary, db)]
    stats["kills"] += 1
    if failures:
        stats["failed_kills"] += 1
    for which in {w for w, _ in failures}:
        stats["failed"][which] += 1
    for which in ("verify", "ids", "ids: parts without their article", "ids: held by no source",
                  "search: blank hits or failure"):
        what = [w for c, w in failures if c == which]
        check(not what, f"{label}: {which}: {what}")
    return len(listing["ids"]) if listing else 0


def chain(situation, name, sources, db, batch, prune, kills, span, startup, run_len, reference, allowed):
    """Kill the command KILLS times (fewer when a run completes before its
    kill), then let it complete and compare with REFERENCE. The k-th kill
    falls at a random point of the k-th of KILLS equal slices of SPAN (a
    part of a whole run's work, which takes RUN_LEN seconds: (0, 1) for all
    of it): what the chain has committed so far (its share of the
    reference's entries) is work a re-run skips, after a start-up of
    STARTUP seconds (loading the sources, finding the committed records
    unchanged). Returns the kills made."""
    cmd = index_cmd(sources, db, batch, prune)
    total = max(1, len(reference["ids"].get("ids", [])))
    made, committed = 0, 0
    if situation == "first" and name == "1":
        # the start of a first index: killed while it creates its databases
        label = f"{situation} chain {name} kill 0 as the databases are created"
        killed, rc, out, err = start_and_kill(cmd, None, appears=os.path.join(db, "docs"))
        print(f"  {label}{'' if killed else ': completed first'}", flush=True)
        if killed:
            after_kill(db, label, allowed)
    for k in range(kills):
        point = span[0] + (span[1] - span[0]) * (k + rng.random()) / kills
        done_share = committed / total if situation == "first" else 0.0
        if point <= done_share:  # the chain is past this slice already: a little further
            point = min(1.0, done_share + rng.random() / kills)
        after = pace[0] * ((point - done_share) * run_len + (startup if made or situation == "update" else 0.0))
        label = (f"{situation} chain {name} kill {k + 1} at {after:.2f} s "
                 f"(at {100 * point:.0f} % of the work, {100 * done_share:.0f} % committed)")
        # A run that ends before its kill (run lengths vary with the
        # machine's load) is taken back and killed sooner.
        before = db + ".before"
        if os.path.exists(db):
            indexcheck.copy_tree(db, before)
        for attempt in range(4):
            start = time.monotonic()
            killed, rc, out, err = start_and_kill(cmd, max(after, 0.02))
            if not killed:
                check(rc == 0, f"{label}: the run ended before the kill, with status {rc}: {err[-800:]}")
                stats["failed"]["the next run fails"] += rc != 0
            if killed or rc != 0 or attempt == 3:
                break
            took = time.monotonic() - start
            pace[0] *= max(0.2, min(1.0, took / after))  # the machine runs faster than measured
            after = took * (0.5 + 0.45 * rng.random())
            print(f"  {label}: ended first; again, killed at {after:.2f} s", flush=True)
            label = f"{situation} chain {name} kill {k + 1} at {after:.2f} s (retried)"
            shutil.rmtree(db)
            if os.path.exists(before):
                os.rename(before, db)
                indexcheck.copy_tree(db, before)
        shutil.rmtree(before, ignore_errors=True)
        if not killed:
            print(f"  {label}: completed first", flush=True)
            break
        made += 1
        print(f"  {label}", flush=True)
        committed = after_kill(db, label, allowed)
    else:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        check(proc.returncode == 0, f"{situation} chain {name}: the completing run fails: {proc.stderr[-800:]}")
        check("indexed " in proc.stdout, f"{situation} chain {name}: the completing run says so: {proc.stdout}")
    # complete: the same as a fresh index
    ok, out = indexcheck.verify(binary, db)
    differ = [] if ok else [("verify", out[-800:])]
    listing = indexcheck.ids(binary, db) or {}
    differ += [("ids", d) for d in indexcheck.differences(listing, reference["ids"], "completed", "fresh")]
    differ += [("results", d) for d in indexcheck.differences(indexcheck.results(binary, db), reference["results"],
                                                             "completed", "fresh")]
    stats["chains"] += 1
    stats["chains_differ"] += bool(differ)
    for which in {w for w, _ in differ}:
        stats["failed"][f"completed run: {which}"] += 1
    for which in ("verify", "ids", "results"):
        what = [w for c, w in differ if c == which]
        check(not what, f"{situation} chain {name}: the completed index differs from a fresh one: {which}: {what}")
    return made


# Each situation's chains: (--batch-mb, share of the kills, the part of the
# work they fall in). --batch-mb 1 commits every seventh of the sample: many
# commits, so more kills fall inside one, spread over the whole run. The
# default batch commits once, at the end: a first index's kills then fall
# after its zstd dictionary is trained (a third of the way, at the 2,000th
# codified entry), while the dictionary and the records it compressed wait
# for that one commit.
CHAINS = {
    "first": [(1, 0.8, (0.0, 1.0)), (None, 0.2, (0.35, 1.0))],
    "update": [(1, 0.6, (0.0, 1.0)), (None, 0.4, (0.0, 1.0))],
}


def situation_run(situation, sources, make_db, startup, run_len, reference, allowed, kills):
    """Chains until KILLS kills are made."""
    made, n = 0, 0
    pace[0] = 1.0  # STARTUP and RUN_LEN were just measured
    while made < kills:
        batch, share, span = CHAINS[situation][n % len(CHAINS[situation])]
        n += 1
        want = min(kills - made, max(1, round(kills * share)))
        print(f"{situation} chain {n} ({f'--batch-mb {batch}' if batch else 'default batch'}), {want} kills",
              flush=True)
        made += chain(situation, str(n), sources, make_db(n), batch, situation == "update", want, span, startup,
                      run_len, reference, allowed)
    return made


def snapshot(db):
    return {"ids": indexcheck.ids(binary, db) or {}, "results": indexcheck.results(binary, db)}


try:
    src = os.path.join(work, "src")
    sources = indexcheck.sample_copy(sample_corpus(), src)

    # -- measure: a fresh first index, and a re-run that finds nothing to do
    ref_first = os.path.join(work, "ref-first")
    proc, first_len = timed(index_cmd(sources, ref_first, None, False))
    check(proc.returncode == 0, f"a fresh index: {proc.stderr[-800:]}")
    proc, overhead = timed(index_cmd(sources, ref_first, None, False))
    check(proc.returncode == 0 and " 0 added, 0 changed" in proc.stdout,
          f"a re-run of a complete index changes nothing: {proc.stdout}")
    print(f"a first index takes {first_len:.1f} s, a re-run with nothing to do {overhead:.1f} s", flush=True)
    ok, out = indexcheck.verify(binary, ref_first)
    check(ok, f"a fresh index verifies: {out}")
    first = snapshot(ref_first)
    check(any(i.startswith("pd/") for i in first["ids"].get("ids", [])) and "111/2022/nđ-cp/d1" in
          first["ids"].get("ids", []), "the fresh index has codified articles and provisions")
    allowed_first = {k: set(v) for k, v in first["ids"].items()}

    # -- situation 1: a first index into a new database
    first_kills = (kills_wanted + 1) // 2
    made_first = situation_run("first", sources, lambda n: os.path.join(work, f"first-{n}"), overhead, first_len,
                               first, allowed_first, first_kills)

    # -- situation 2: an update with --prune of an existing index
    words = indexcheck.modify_sample(sources)
    ref_update = os.path.join(work, "ref-update")
    proc, _ = timed(index_cmd(sources, ref_update, None, False))
    check(proc.returncode == 0, f"a fresh index of the changed sample: {proc.stderr[-800:]}")
    update = snapshot(ref_update)
    allowed_update = {k: allowed_first[k] | set(v) for k, v in update["ids"].items()}
    probe = os.path.join(work, "probe")
    indexcheck.copy_tree(ref_first, probe)
    proc, update_len = timed(index_cmd(sources, probe, None, True))
    check(proc.returncode == 0, f"the update: {proc.stderr[-800:]}")
    counts = [int(x) for x in re.findall(r"(\d+) (?:added|changed|removed)", proc.stdout)]
    check(len(counts) == 3 and all(counts), f"the update adds, changes and removes: {proc.stdout}")
    res, _ = indexcheck.search(binary, probe, f'"{words}"', None)
    check(res and res["total"] > 0, "the edited article's new words are found after the update")
    print(f"an update takes {update_len:.1f} s: {proc.stdout.splitlines()[0]}", flush=True)
    # the update without a kill: what every chain's completed update is held to
    for part, got in (("ids", indexcheck.ids(binary, probe) or {}), ("results", indexcheck.results(binary, probe))):
        diff = indexcheck.differences(got, update[part], "updated", "fresh")
        check(not diff, f"an update (not killed) equals a fresh index: {part}: {diff}")

    def update_db(n):
        db = os.path.join(work, f"update-{n}")
        indexcheck.copy_tree(ref_first, db)
        return db

    made_update = situation_run("update", sources, update_db, overhead, max(update_len - overhead, 0.5), update,
                                allowed_update, kills_wanted - first_kills)
    print(f"kills: {made_first} during a first index, {made_update} during an update; "
          f"{stats['failed_kills']} of {stats['kills']} kills left an index that fails a check; "
          f"{stats['chains_differ']} of {stats['chains']} completed indexes differ from a fresh one", flush=True)
    for which, n in sorted(stats["failed"].items()):
        print(f"  failed: {which}: {n}", flush=True)
    check(made_first + made_update >= kills_wanted, f"{made_first + made_update} kills of {kills_wanted}")
finally:
    subprocess.run(["rm", "-rf", work])
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{time.monotonic() - started:.0f} s; CPU time of the tracuu runs {used.ru_utime + used.ru_stime:.0f} s "
          f"(the test's length on an idle machine)", flush=True)
done(f"crash (seed {seed})")
