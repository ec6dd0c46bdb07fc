"""daemon.py - the real `tracuu serve` on a loopback port, and a small HTTP client."""
import atexit
import http.client
import json
import os
import signal
import subprocess
import threading
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from tctest import Tracuu, check, done, sample_corpus, skip  # noqa: E402,F401


class Daemon:
    """`tracuu serve --listen 127.0.0.1:0` started on DB; stop() sends SIGTERM."""

    def __init__(self, binary, db, *extra, log=None):
        self.log = log
        args = [binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", *extra]
        if log:
            args += ["--access-log", log]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on http://"):
            err = self.proc.stderr.read()
            raise RuntimeError(f"tracuu serve did not start: {line!r} {err[-2000:]}")
        self.port = int(line.split()[2].rsplit(":", 1)[1])
        self.stderr = ""
        # the daemon's output read as it comes (its access log goes to
        # stderr unless told otherwise): a pipe left full would block the
        # daemon's next write, and with it the request that writes
        self._err = []
        self._readers = [threading.Thread(target=self._drain, args=(self.proc.stderr, self._err), daemon=True),
                         threading.Thread(target=self._drain, args=(self.proc.stdout, []), daemon=True)]
        for reader in self._readers:
            reader.start()
        # a test that dies before stop() leaves no daemon behind
        atexit.register(self._kill)

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def request(self, method, target, body=None, headers=None, timeout=60):
        """(status, headers as a dict with lowercase names, body bytes).
        TRACUU_TEST_SLOWDOWN (scripts/test.sh's ThreadSanitizer stage: a
        binary several times slower) multiplies TIMEOUT."""
        timeout *= float(os.environ.get("TRACUU_TEST_SLOWDOWN", "1"))
        # non-ASCII characters percent-encoded as UTF-8, as a browser does
        from urllib.parse import quote
        target = "".join(c if ord(c) < 128 else quote(c) for c in target)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            hdrs = dict(headers or {})
            if body is not None:
                hdrs.setdefault("Content-Length", str(len(body)))
            for k, v in hdrs.items():
                conn.putheader(k, v)
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
        finally:
            conn.close()

    def get(self, target, **kw):
        status, headers, data = self.request("GET", target, **kw)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, headers, parsed

    @staticmethod
    def _drain(stream, into):
        for chunk in iter(lambda: stream.read(4096), ""):
            into.append(chunk)

    def wait(self, timeout=30):
        """The daemon's exit status once it has exited (killed after
        TIMEOUT seconds), with all it wrote to stderr in self.stderr."""
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for reader in self._readers:
            reader.join(timeout=10)
        self.stderr = "".join(self._err)
        return self.proc.returncode

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.wait(timeout)


def q(text):
    """Percent-encode TEXT for a query string (UTF-8)."""
    from urllib.parse import quote
    return quote(text, safe="")
