#!/usr/bin/env python3
"""Bad input through the real binary (issue 15 items 2 and 7), from the bundled
sample: invalid UTF-8 inside a pháp điển article keeps the article's text
(U+FFFD in place of the bad bytes) in `get` and in search, and `index` reports
it with the file and the byte offset; an unreadable đề mục file is reported
with its reason; JSONL values of the wrong kind are
reported with file, line, field and value, and an empty id is counted as
skipped."""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tctest import Tracuu, check, done, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()

# -- invalid UTF-8 in a pNoiDung paragraph of Điều 36.3.LQ.2 (Thanh niên)
DEMUC = "012d9b93-c11d-48b6-b08e-14d77515ca1e"
ARTICLE = "pd/36.3.LQ.2"
src = os.path.join(sample, "phapdien")
pd = os.path.join(t.tmp, "phapdien")
os.makedirs(os.path.join(pd, "demuc"))
for name in ("chude.tsv", "demuc.tsv"):
    with open(os.path.join(src, name), "rb") as f, open(os.path.join(pd, name), "wb") as g:
        g.write(f.read())
html = subprocess.run(["zstd", "-dc", os.path.join(src, "demuc", DEMUC + ".html.zst")], capture_output=True,
                      check=True).stdout
before = "Luật này quy định về quyền".encode()
at = html.index(before) + len(before)
bad = b"\xC0\xAF" + b"\xED\xA0\x80" + b"\xF4\x90\x80\x80" + b"\xE1\xBA"
with open(os.path.join(pd, "demuc", DEMUC + ".html"), "wb") as f:
    f.write(html[:at] + bad + html[at:])
for name in os.listdir(os.path.join(src, "demuc")):
    if not name.startswith(DEMUC):
        with open(os.path.join(src, "demuc", name), "rb") as f, open(os.path.join(pd, "demuc", name), "wb") as g:
            g.write(f.read())

proc = t.run("index", pd, "--db", t.db)
problem = [line for line in proc.stderr.splitlines() if ": encoding: " in line]
check(len(problem) == 1, f"one encoding problem reported: {problem}")
check(problem and DEMUC + ".html" in problem[0] and f"byte offset {at}" in problem[0] and ARTICLE in problem[0]
      and "11 byte(s) replaced by U+FFFD" in problem[0],
      f"... with the file, the byte offset {at} and the article: {problem}")
check("encoding 1" in proc.stdout, f"the summary counts it: {proc.stdout}")
rec = t.get(ARTICLE)
want = "quyền" + "\ufffd" * 10 + ", nghĩa vụ và trách nhiệm của thanh niên"
check(want in rec.get("text", ""), f"get: the text is kept with U+FFFD: {rec.get('text', '')[:200]!r}")
for query in ('"trách nhiệm của cơ quan, tổ chức thanh niên, tổ chức khác"', "Phạm vi điều chỉnh Luật Thanh niên"):
    res = t.search(query, target="codified", limit=3)
    ids = [h["id"] for h in res["hits"]]
    check(ARTICLE in ids, f"search {query} finds the article: {ids}")
res = t.search('"nghĩa vụ và trách nhiệm của thanh niên"', target="codified", limit=50, extra=["--text"])
hit = [h for h in res["hits"] if h["id"] == ARTICLE]
check(hit and "\ufffd" in json.dumps(hit[0], ensure_ascii=False), "the hit's text keeps U+FFFD")

# -- a đề mục file that cannot be read (a directory in its place: as root no
# permission stops a read) is reported with its path and the reason, never as
# missing; the other đề mục are indexed
pd3 = os.path.join(t.tmp, "phapdien-unreadable")
shutil.copytree(pd, pd3)
other = sorted(n for n in os.listdir(os.path.join(pd3, "demuc")) if not n.startswith(DEMUC))[0]
os.remove(os.path.join(pd3, "demuc", other))
os.mkdir(os.path.join(pd3, "demuc", other))
db3 = os.path.join(t.tmp, "index3")
proc = t.run("index", pd3, "--db", db3)
problem = [line for line in proc.stderr.splitlines() if other in line and ": io: " in line]
check(problem and "Is a directory" in problem[0] and "missing" not in problem[0],
      f"the unreadable file is reported with its reason: {problem or proc.stderr[:400]}")
check(ARTICLE in t.run("ids", "--db", db3, "--in", "codified").stdout.split(),
      "the other đề mục are indexed")

# -- JSONL: wrong values reported with file, line, field and value; an empty id
# is a skipped record
export = os.path.join(t.tmp, "export.jsonl")
t.run("corpus", "export", os.path.join(sample, "congbao", "docs", "congbao_chinhphu"), "-o", export)
with open(export) as f:
    line = json.loads(f.readline())
rows = [dict(line, id=""), dict(line, id="row/2", issue_date=20201345, scope="galactic", validity="bogus-status"),
        dict(line, id="row/3")]
jsonl = os.path.join(t.tmp, "bad.jsonl")
with open(jsonl, "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
db2 = os.path.join(t.tmp, "index2")
proc = t.run("index", jsonl, "--db", db2)
err = proc.stderr
check(re.search(r"bad\.jsonl:1: missing-field: field \"id\" = \"\" is empty.*record skipped", err),
      f"the empty id is reported: {err}")
for field, value in (("issue_date", "20201345"), ("scope", '"galactic"'), ("validity", '"bogus-status"')):
    check(f'bad.jsonl:2: syntax: field "{field}" = {value}' in err and "field ignored [row/2]" in err,
          f"{field} = {value} reported with line and record")
check(re.search(r"skipped 1 records", proc.stdout), f"the summary counts the skipped record: {proc.stdout}")
ids = t.run("ids", "--db", db2, "--in", "docs").stdout.split()
check(ids == ["row/2", "row/3"], f"the other records are indexed: {ids}")
rec = json.loads(t.run("get", "--json", "--db", db2, "row/2").stdout)
check("issue_date" not in rec and rec.get("title") == line.get("title"),
      f"row/2 without its bad date, with the rest: {rec.get('issue_date')} {rec.get('title')}")

t.cleanup()
done("bad-input")
