#!/usr/bin/env python3
"""The daemon while things happen: a re-index commits under a client loop
(0 failed queries, the new content served within 1 s), SIGTERM under load
(the requests in flight complete, exit 0), the connection limit and the
per-connection timeout."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from daemon import Daemon, Tracuu, check, done, q, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
congbao = os.path.join(sample, "congbao")
t.index(congbao)

# ---- reopen under load
d = Daemon(t.binary, t.db)
word = "chuồnchuồnmới"
record = {"kind": "document", "id": "live-test/1", "doc_number": "9/2026/NĐ-CP", "type": "nghi-dinh",
          "issuer": "Chính phủ", "issue_date": "2026-02-01", "title": "Về " + word,
          "body": {"kind": "root", "children": [{"kind": "article", "number": "1", "text": "Quy định về " + word + "."}]}}
jsonl = os.path.join(t.tmp, "new.jsonl")
with open(jsonl, "w", encoding="utf-8") as f:
    f.write(json.dumps(record, ensure_ascii=False) + "\n")

results = {"ok": 0, "failed": [], "first_seen": None}
stop = threading.Event()


def client_loop():
    # a new query as soon as the last one is answered, for at most 120 s
    deadline = time.time() + 120
    while not stop.is_set() and time.time() < deadline:
        sent = time.time()
        try:
            s, h, res = d.get("/v1/search?in=docs&q=" + q(word + " OR hợp đồng"), timeout=30)
        except Exception as e:  # noqa: BLE001 - any failure counts
            results["failed"].append(repr(e))
            continue
        if s != 200:
            results["failed"].append(s)
            continue
        results["ok"] += 1
        # the new state is served from when a query sent then sees it
        if any(x["id"] == "live-test/1" for x in res["hits"]) and \
                (results["first_seen"] is None or sent < results["first_seen"]):
            results["first_seen"] = sent


threads = [threading.Thread(target=client_loop) for _ in range(2)]
for th in threads:
    th.start()
time.sleep(0.5)
# re-index under the load: the whole Công báo again (its records unchanged) and the new record
proc = subprocess.run([t.binary, "index", "--db", t.db, congbao, jsonl], capture_output=True, text=True)
committed = time.time()
check(proc.returncode == 0, f"the re-index runs under load: {proc.stderr[-500:]}")
while time.time() - committed < 5 and results["first_seen"] is None:
    time.sleep(0.01)
time.sleep(0.5)  # queries in flight then may have been sent earlier
stop.set()
for th in threads:
    th.join()
check(results["ok"] > 5 and not results["failed"], f"0 failed queries during the re-index: {results['ok']} ok, "
      f"failed {results['failed'][:5]}")
lag = results["first_seen"] - committed if results["first_seen"] else None
check(lag is not None and lag < 1.0, f"a query sent within 1 s of the commit sees the new content: {lag}")
print(f"reopen: {results['ok']} queries during the re-index, 0 failed; a query sent {lag:.3f} s after the indexer exited sees the new content")
s, h, body = d.request("GET", "/metrics")
m = [x for x in body.decode().split("\n") if x.startswith("tracuu_index_reopens_total ")]
check(m and int(m[0].split()[1]) >= 1, f"reopens are counted: {m}")
check(d.stop() == 0, "stop after the reopen test")

# ---- SIGTERM under load: the requests in flight complete, exit 0
d = Daemon(t.binary, t.db)
question = ("Người lao động làm việc theo hợp đồng trong cơ quan hành chính nhà nước thì có được hưởng chế độ "
            "tiền lương và các chế độ khác như viên chức hay không và cơ quan nào có thẩm quyền ký kết hợp đồng")
answers = []
lock = threading.Lock()


def slow_request(i):
    try:
        s, h, res = d.get("/v1/search?facets=1&per_page=100&q=" + q(question), timeout=60)
        with lock:
            answers.append(s)
    except Exception as e:  # noqa: BLE001
        with lock:
            answers.append(repr(e))


started = time.time()
load = [threading.Thread(target=slow_request, args=(i,)) for i in range(6)]
for th in load:
    th.start()
# SIGTERM once the daemon has accepted the six connections (its own count,
# read through /metrics, which counts itself too)
deadline = time.time() + 30
while time.time() < deadline:
    s, h, body = d.request("GET", "/metrics")
    line = [x for x in body.decode().split("\n") if x.startswith("tracuu_connections ")]
    if line and int(line[0].split()[1]) >= 7 or not any(th.is_alive() for th in load):
        break
d.proc.send_signal(signal.SIGTERM)
for th in load:
    th.join()
rc = d.wait(timeout=30)
check(rc == 0, f"SIGTERM under load exits 0: {rc} {d.stderr[-300:]}")
check(len(answers) == 6 and all(a == 200 for a in answers), f"every request in flight completed: {answers}")
check("finishing the requests in flight" in d.stderr, "the daemon says what it does on SIGTERM")
try:
    socket.create_connection(("127.0.0.1", d.port), timeout=2).close()
    refused = False
except OSError:
    refused = True
check(refused, "after the stop nothing listens")

# ---- limits on connections: count and idle time
d = Daemon(t.binary, t.db, "--max-connections", "4", "--timeout", "1")
held = [socket.create_connection(("127.0.0.1", d.port), timeout=5) for _ in range(4)]
time.sleep(0.2)
extra = socket.create_connection(("127.0.0.1", d.port), timeout=5)
extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
try:
    data = extra.recv(4096)
except OSError:
    data = b""
check(data.startswith(b"HTTP/1.1 503") and b"the limit is 4" in data,
      f"a connection over the limit gets 503 naming the limit: {data[:300]}")
extra.close()
# a slow client that sends half a request is cut off after the timeout (1 s), holding no thread
slow = held[0]
slow.sendall(b"GET /healthz HTTP/1.1\r\nHo")
begin = time.time()
try:
    gone = slow.recv(4096) == b""
except OSError:
    gone = True
check(gone and time.time() - begin < 4, f"an idle half request is closed after the timeout: {time.time() - begin:.1f} s")
for sock in held:
    sock.close()
time.sleep(1.5)
s, h, body = d.get("/healthz")
check(s == 200, "the daemon serves again once the connections are gone")
check(d.stop() == 0, "stop after the limit tests")

t.cleanup()
done("api-live")
