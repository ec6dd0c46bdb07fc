#!/usr/bin/env python3
"""A full disk during `tracuu index` (issue 15): on a tmpfs the test mounts
(root is needed: without it, or where mount is refused, the test says
"skipped: <reason>" and exits 77), index the bundled sample (pháp điển +
Công báo) into a filesystem too small for it:
  - sizes from 4 kB up, until the failure moves past creating the databases
    to writing the manifest: each a clear error;
  - about half the index's size, default batch: the one commit, which holds
    the records and the zstd dictionary, fails;
  - about 60 % of it with --batch-mb 1: commits succeed, then one fails
    mid-run.
Each time: an error naming the path and "No space left on device", a
non-zero exit, no "indexed N records" success summary, and the last commit
intact (`tracuu verify` passes, `tracuu ids` a consistent set); then, with
the filesystem made bigger (remounted), the same command completes and the
index equals a fresh one (ids and the results of a few searches)."""
import os
import re
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import indexcheck  # noqa: E402
from tctest import check, done, sample_corpus, skip  # noqa: E402

binary = sys.argv[1]
sample = sample_corpus()
sources = [os.path.join(sample, "phapdien"), os.path.join(sample, "congbao")]
BIG = "256m"

mnt = tempfile.mkdtemp(prefix="tracuu-diskfull-")


def mount(size):
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mnt], capture_output=True,
                          text=True)


def umount():
    subprocess.run(["umount", mnt], capture_output=True)


def used_bytes():
    st = os.statvfs(mnt)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def index(db, batch=None):
    cmd = [binary, "index", *sources, "--db", db]
    if batch:
        cmd += ["--batch-mb", str(batch)]
    return subprocess.run(cmd, capture_output=True, text=True)


def errors(proc):
    """tracuu's own error lines (not the loader's problem reports)."""
    return [line for line in proc.stderr.splitlines() if line.startswith("tracuu:")]


def failed_cleanly(label, proc, db):
    """The checks of a run that ran out of space. Returns whether some
    database was created (so that the last commit can be checked)."""
    errs = errors(proc)
    check(proc.returncode != 0, f"{label}: exit status {proc.returncode}, not 0")
    check(any("No space left on device" in e and db in e for e in errs),
          f"{label}: an error names the path and says 'No space left on device': {errs}")
    check(not re.search(r"^indexed \d+ records", proc.stdout, re.M),
          f"{label}: no success summary: {proc.stdout.strip()}")
    print(f"{label}: {' | '.join(errs)}", flush=True)
    for line in proc.stdout.splitlines()[:1]:
        print(f"  {line}", flush=True)
    return os.path.exists(os.path.join(db, "manifest.json"))


def last_commit_intact(label, db, allowed):
    """The checks of the index a failed run left; returns how many entries
    its last commit holds."""
    ok, out = indexcheck.verify(binary, db)
    check(ok, f"{label}: the last commit verifies: {out[-1200:]}")
    listing = indexcheck.ids(binary, db)
    check(listing is not None, f"{label}: ids are listed")
    if listing:
        bad = indexcheck.orphans(listing)
        check(not bad, f"{label}: every clause and point entry has its article: {bad[:3]}")
        stray = sorted(set(listing["ids"]) - allowed)
        check(not stray, f"{label}: nothing the sources do not hold: {stray[:3]}")
        print(f"  the last commit holds {len(listing['ids'])} entries and verifies: {ok}", flush=True)
    bad = indexcheck.blank_hits(binary, db)
    check(not bad, f"{label}: search prints no blank hit: {bad[:3]}")
    return len(listing["ids"]) if listing else 0


def completes(label, db, batch, fresh):
    """Make the filesystem bigger; the same command completes the index,
    which then equals a fresh one."""
    proc = subprocess.run(["mount", "-o", f"remount,size={BIG}", mnt], capture_output=True, text=True)
    check(proc.returncode == 0, f"{label}: remount bigger: {proc.stderr}")
    proc = index(db, batch)
    check(proc.returncode == 0 and re.search(r"^indexed \d+ records", proc.stdout, re.M),
          f"{label}: the re-run completes: {proc.returncode} {proc.stdout.strip()} {errors(proc)}")
    ok, out = indexcheck.verify(binary, db)
    check(ok, f"{label}: the completed index verifies: {out[-800:]}")
    got = {"ids": indexcheck.ids(binary, db) or {}, "results": indexcheck.results(binary, db)}
    for part in ("ids", "results"):
        diff = indexcheck.differences(got[part], fresh[part], "completed", "fresh")
        check(not diff, f"{label}: the completed index's {part} equal a fresh index's: {diff}")
    print(f"  after remounting at {BIG}: {proc.stdout.splitlines()[0] if proc.stdout else ''}", flush=True)


proc = mount(BIG)
if proc.returncode != 0:
    os.rmdir(mnt)
    skip(f"cannot mount a tmpfs ({proc.stderr.strip() or 'mount failed'}): run as root where mount is allowed")
try:
    # -- a fresh index, and how much room it takes
    db = os.path.join(mnt, "index")
    before = used_bytes()
    proc = index(db)
    check(proc.returncode == 0, f"a fresh index: {errors(proc)}")
    need = used_bytes() - before
    fresh = {"ids": indexcheck.ids(binary, db) or {}, "results": indexcheck.results(binary, db)}
    allowed = set(fresh["ids"].get("ids", []))
    check(len(allowed) > 5000, f"the fresh index holds the sample: {len(allowed)} entries")
    print(f"a fresh index of the sample takes {need // 1024} kB", flush=True)
    umount()

    # -- tiny filesystems: creating the databases, then writing the
    # manifest, fail; each clearly
    reached_manifest = False
    for kb in range(4, 129, 4):
        check(mount(f"{kb}k").returncode == 0, f"mount {kb}k")
        proc = index(db)
        if proc.returncode == 0:
            check(False, f"{kb} kB: indexing the sample succeeded")
            umount()
            break
        failed_cleanly(f"{kb} kB", proc, db)
        manifest = any("manifest.json" in e for e in errors(proc))
        if manifest:
            reached_manifest = True
            ok, out = indexcheck.verify(binary, db)
            check(not ok and "no index at" in out, f"{kb} kB: nothing committed, no index: {out}")
            completes(f"{kb} kB", db, None, fresh)
            umount()
            break
        umount()
    check(reached_manifest, "a size where the manifest cannot be written")

    # -- half the room: the one commit (records and dictionary) fails
    for label, fraction, batch in (("the first commit", 0.5, None), ("mid-run", 0.6, 1)):
        size = int(need * fraction) // 4096 * 4
        check(mount(f"{size}k").returncode == 0, f"mount {size}k")
        proc = index(db, batch)
        label = f"{label} ({size} kB{', --batch-mb 1' if batch else ''})"
        if failed_cleanly(label, proc, db):
            committed = re.search(r"(\d+) of them committed", proc.stdout)
            check(committed, f"{label}: the summary says how many records were committed: {proc.stdout.strip()}")
            held = last_commit_intact(label, db, allowed)
            # A batch's records are committed in every database when the
            # parts lane commits their clauses and points after their
            # articles (indexer.c, maybe_commit): the disk may fill while
            # it is still behind, so the count may be 0 with the articles
            # of the first batches committed; those must be.
            if batch:
                check(held > 0, f"{label}: some batches were committed before the disk filled: "
                      f"{held} entries; {proc.stdout.strip()}")
        completes(label, db, batch, fresh)
        umount()
finally:
    umount()
    os.rmdir(mnt)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU time of the tracuu runs {used.ru_utime + used.ru_stime:.0f} s", flush=True)
done("diskfull")
