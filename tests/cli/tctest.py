"""tctest.py - helpers for the integration tests that drive the real tracuu binary."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

FAILED = []
COUNT = [0]


def check(cond, what):
    COUNT[0] += 1
    if not cond:
        FAILED.append(what)
        print("FAIL:", what, file=sys.stderr)


def done(name):
    print(f"{name}: {COUNT[0]} checks, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)


def skip(why):
    print("skipped:", why)
    sys.exit(77)


def shared_corpus():
    d = os.environ.get("TRACUU_SHARED_CORPUS")
    if d and os.path.exists(os.path.join(d, "README.md")):
        return d
    return None


def sample_corpus():
    return os.environ["TRACUU_SAMPLE_CORPUS"]


class Tracuu:
    def __init__(self, binary, db=None):
        self.binary = binary
        self.tmp = tempfile.mkdtemp(prefix="tracuu-test-")
        self.db = db or os.path.join(self.tmp, "index")

    def run(self, *args, check_status=True, timeout=1800):
        proc = subprocess.run([self.binary, *args], capture_output=True, text=True, timeout=timeout)
        if check_status and proc.returncode != 0:
            raise RuntimeError(f"tracuu {' '.join(args)} exited {proc.returncode}: {proc.stderr[-2000:]}")
        return proc

    def index(self, *sources, extra=()):
        return self.run("index", *sources, "--db", self.db, *extra)

    def search(self, *query, target=None, limit=10, extra=()):
        args = ["search", "--json", "--db", self.db, "--limit", str(limit)]
        if target:
            args += ["--in", target]
        args += list(extra)
        args += ["--", *query]
        return json.loads(self.run(*args).stdout)

    def get(self, ident):
        return json.loads(self.run("get", "--json", "--db", self.db, ident).stdout)

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)
