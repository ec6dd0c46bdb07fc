#!/usr/bin/env python3
"""The real `tracuu serve` on the bundled sample: every route and parameter,
every error path, the HTTP conventions (ETag, gzip, CORS, Allow, request
ids, access log, metrics), OpenAPI against the route table both ways,
static files, the write routes and their token rules."""
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from daemon import Daemon, Tracuu, check, done, q, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
t.index(os.path.join(sample, "phapdien"), os.path.join(sample, "congbao"))

web = os.path.join(t.tmp, "web")
os.makedirs(os.path.join(web, "js"))
with open(os.path.join(web, "index.html"), "w") as f:
    f.write("<!doctype html><title>tracuu</title>")
with open(os.path.join(web, "js", "app.js"), "w") as f:
    f.write("console.log('tracuu');")
with open(os.path.join(t.tmp, "secret.txt"), "w") as f:
    f.write("not to be served")
os.symlink(os.path.join(t.tmp, "secret.txt"), os.path.join(web, "link.txt"))
log = os.path.join(t.tmp, "access.log")
d = Daemon(t.binary, t.db, "--web", web, log=log)


def cli_search(*args):
    return json.loads(t.run("search", "--json", "--db", t.db, *args).stdout)


def problem(status, target, want_status, want_type=None, parameter=None, what=""):
    s, h, body = d.get(target) if status is None else status
    ok = s == want_status and h.get("content-type") == "application/problem+json" and body and \
        body.get("status") == want_status and body.get("title") and body.get("detail")
    if want_type:
        ok = ok and body.get("type") == "/problems/" + want_type
    if parameter:
        ok = ok and body.get("parameter") == parameter
    check(ok, f"{what or target[:80]} → {want_status} {want_type or ''} {parameter or ''}: {s} {body}")
    return body


# ---- /v1/search: the results of tracuu search --json
s, h, res = d.get("/v1/search?q=" + q("thanh niên"))
cli = cli_search("thanh niên")
check(s == 200 and h.get("content-type") == "application/json", f"search answers JSON: {s} {h}")
check(res["total"] == cli["total"] and [x["id"] for x in res["hits"]] == [x["id"] for x in cli["hits"]],
      f"the daemon's results are tc_search's: {res['total']} vs {cli['total']}")
check(res["page"] == 1 and res["per_page"] == 10, "page and per_page are reported")
check(all("snippet" in x and "highlights" in x for x in res["hits"]), "hits carry snippets and highlight ranges")
s, _, res = d.get("/v1/search?q=" + q("quyen su dung dat") + "&in=provisions&per_page=5")
check(s == 200 and res["target"] == "provisions" and len(res["hits"]) <= 5, f"in= and per_page=: {s}")
s, _, res = d.get("/v1/search?q=" + q("khoản 2 Điều 2 Nghị định 111/2022/NĐ-CP"))
check(s == 200 and res["hits"][0]["id"] == "111/2022/nđ-cp/d2" and "điều:2" in res["recognized"]["citations"],
      f"a citation puts its provision first and is recognized: {res['hits'][0]['id'] if res['hits'] else None}")

# filters as parameters equal the same filters in q
for param, field in [("type=nghi-dinh", "loai:nghi-dinh"), ("year=2022", "nam:2022"),
                     ("year=2020..2022", "nam:2020..2022"), ("issued=2022-12-01..2022-12-31", "banhanh:2022-12-01..2022-12-31"),
                     ("effective=2021..", "hieuluctu:2021.."), ("inforce=2023-06-01", "apdung:2023-06-01"),
                     ("issuer=chinh-phu", "coquan:chinh-phu"), ("issuer=" + q("Bộ Tài chính"), 'coquan:"Bộ Tài chính"'),
                     ("province=ha-noi", "tinh:ha-noi"), ("status=con-hieu-luc", "hieuluc:con-hieu-luc"),
                     ("field=thue", "linhvuc:thue"), ("number=111/2022/ND-CP", "so:111/2022/ND-CP")]:
    s, _, res = d.get(f"/v1/search?in=docs&per_page=100&{param}")
    cli = cli_search("--in", "docs", "--limit", "100", "--", field)
    check(s == 200 and res["total"] == cli["total"] and [x["id"] for x in res["hits"]] == [x["id"] for x in cli["hits"]],
          f"{param} lists what {field} finds: {s} {res.get('total') if res else None} vs {cli['total']}")
s, _, res = d.get("/v1/search?in=codified&topic=36&heading=36.3&per_page=100&q=" + q("thanh niên"))
check(s == 200 and res["total"] > 0 and all(x["codified"]["demuc_number"] == "36.3" for x in res["hits"]),
      f"topic= and heading= filter codified articles: {s}")
s, _, res = d.get("/v1/search?type=nghi-dinh&in=docs&q=" + q("hợp đồng"))
check(s == 200 and res["total"] > 0 and all(x["type"] == "Nghị định" for x in res["hits"]), "a filter with words")
# a pasted question keeps its leniency (quotes and parentheses as punctuation) with a filter
question = "Theo quy định (của pháp luật) thì \"thanh niên là công dân Việt Nam từ đủ mười sáu tuổi đến ba mươi tuổi\" đúng không"
s, _, res = d.get("/v1/search?in=codified&topic=36&q=" + q(question))
check(s == 200 and res["total"] > 0, f"a pasted question with a filter is still read as text: {s} {res}")
s, _, res = d.get("/v1/search?q=" + q("(viên chức OR công chức) kỷ luật") + "&type=nghi-dinh&in=docs")
s2, _, all_types = d.get("/v1/search?q=" + q("(viên chức OR công chức) kỷ luật") + "&in=docs&per_page=100")
check(s == 200 and s2 == 200 and res["total"] <= all_types["total"] and all(x["type"] == "Nghị định" for x in res["hits"]),
      "a filter narrows an OR query as a whole")
# sorting, facets, text, pagination
s, _, res = d.get("/v1/search?type=nghi-dinh&in=docs&sort=newest&per_page=50")
dates = [x.get("issue_date", "") for x in res["hits"]]
check(s == 200 and dates == sorted(dates, reverse=True), "sort=newest")
s, _, res = d.get("/v1/search?type=nghi-dinh&in=docs&sort=oldest&per_page=50")
dates = [x.get("issue_date", "") for x in res["hits"] if x.get("issue_date")]
check(s == 200 and dates == sorted(dates), "sort=oldest")
s, _, res = d.get("/v1/search?q=" + q("hợp đồng") + "&facets=1&in=docs")
check(s == 200 and res["facets"]["type"], f"facets=1: {res.get('facets')}")
s, _, res = d.get("/v1/search?q=" + q("hợp đồng") + "&facets=0&in=docs")
check(s == 200 and "facets" not in res, "facets=0")
s, _, res = d.get("/v1/search?q=thanh&text=1&per_page=2")
check(s == 200 and all(x.get("text") for x in res["hits"]), "text=1 includes the text")
_, _, p1 = d.get("/v1/search?q=thanh&per_page=5&page=1")
_, _, p2 = d.get("/v1/search?q=thanh&per_page=5&page=2")
_, _, p12 = d.get("/v1/search?q=thanh&per_page=10")
check([x["id"] for x in p1["hits"] + p2["hits"]] == [x["id"] for x in p12["hits"]] and p2["page"] == 2,
      "page and per_page are consistent")
s, _, res = d.get("/v1/search?q=thanh&per_page=100&page=10")
check(s == 200, "the last page of the window is served")

# ---- errors of /v1/search
body = problem(None, "/v1/search?q=" + q("thanh (niên"), 400, "syntax-error", "q")
check(body and body.get("position") == 7, f"a syntax error says where: {body}")
problem(None, "/v1/search?q=" + q("thanh OR"), 400, "syntax-error", "q")
for bad in ["abc", "0", "1e3", "-5", "5000000000", "101", "", "+5", "%205"]:
    body = problem(None, f"/v1/search?q=thanh&per_page={bad}", 400, None, "per_page")
    check(body and "1 to 100" in body["detail"], f"per_page={bad}: the range is said: {body and body['detail']}")
for bad in ["0", "abc", "1001", "-1"]:
    problem(None, f"/v1/search?q=thanh&page={bad}", 400, None, "page")
body = problem(None, "/v1/search?q=thanh&page=11&per_page=100", 400, "over-limit", "page")
check(body and "1000" in body["detail"], f"the window is named: {body and body['detail']}")
problem(None, "/v1/search?q=thanh&in=everything", 400, "bad-parameter", "in")
problem(None, "/v1/search?q=thanh&sort=random", 400, "bad-parameter", "sort")
problem(None, "/v1/search?q=thanh&facets=yes", 400, "bad-parameter", "facets")
for param in ["type=khong-co", "status=bogus", "year=abc", "year=2015-01-01", "issued=2022-13-01..", "inforce=2020-02-30",
              "inforce=2019-02-29", "effective=2016..2015", "topic=3x", "heading=36", "issuer=" + q('Bộ "Tài" chính'),
              "issuer=", "province=" + "a" * 201]:
    name = param.split("=")[0]
    body = problem(None, f"/v1/search?q=thanh&{param}", 400, "bad-parameter", name)
problem(None, "/v1/search", 400, "bad-parameter", "q", "no query and no filter")
problem(None, "/v1/search?q=thanh&per-page=3", 400, "bad-parameter", "per-page", "an unknown parameter")
problem(None, "/v1/search?q=thanh&q=" + q("niên"), 400, "bad-parameter", "q", "a parameter given twice")
problem(None, "/v1/search?q=%ff%fe", 400, "bad-parameter", "q", "invalid UTF-8")
problem(None, "/v1/search?q=%c0%af", 400, "bad-parameter", "q", "an overlong UTF-8 form")
problem(None, "/v1/search?q=%ed%a0%80", 400, "bad-parameter", "q", "a UTF-16 surrogate")
problem(None, "/v1/search?q=a%1b%5b2Jb", 400, "bad-parameter", "q", "an ESC in a parameter")
problem(None, "/v1/search?q=a%00b", 400, "bad-parameter", "q", "a NUL in a parameter")
problem(None, "/v1/search?q=a%zzb", 400, "bad-parameter", None, "a bad percent-escape")
body = problem(None, "/v1/search?q=" + "x" * 5000, 400, "over-limit", "q")
check(body and "4096" in body["detail"], f"the query limit is named: {body and body['detail']}")
body = problem(None, "/v1/search?q=thanh&" + "&".join(f"p{i}=1" for i in range(40)), 400, "over-limit", None,
               "too many parameters")
check(body and "32" in body["detail"], f"the parameter count limit is named: {body and body['detail']}")
body = problem(None, "/v1/search?q=" + "x" * 9000, 414, "uri-too-long", None, "a 9000-byte target")
check(body and "8192" in body["detail"], f"the URL limit is named: {body and body['detail']}")
s, h, body = d.request("GET", "/v1/search?q=" + "x" * 40000)
check(s == 414, f"a 40 kB target: 414 ({s})")

# ---- /v1/documents/{id}
s, h, rec = d.get("/v1/documents/111/2022/n%C4%91-cp/d2")
check(s == 200 and rec["id"] == "111/2022/nđ-cp/d2" and rec["kind"] == "provision", f"literal slashes: {s}")
s, _, rec2 = d.get("/v1/documents/111%2F2022%2Fn%C4%91-cp%2Fd2")
check(s == 200 and rec2 == rec, "percent-encoded slashes name the same record")
cli_rec = t.get("111/2022/nđ-cp/d2")
check(rec == cli_rec, "the record is tracuu get's")
s, _, doc = d.get("/v1/documents/111/2022/n%C4%91-cp")
check(s == 200 and doc["kind"] == "document" and doc.get("text"), "a whole document")
cod_id = cli_search("--in", "codified", "--", "Điều 1 Luật Thanh niên")["hits"][0]["id"]
s, _, cod = d.get("/v1/documents/" + q(cod_id).replace("%2F", "/"))
check(s == 200 and cod["kind"] == "codified" and cod["codified"]["sources"], f"a codified article with its sources: {s}")
problem(None, "/v1/documents/no/such/id", 404, "not-found", "id")
problem(None, "/v1/documents/111/2022/nd-cp/d2", 404, "not-found", "id", "ids are exact (đ, not d)")
problem(None, "/v1/documents/a%ffb", 400, "bad-parameter", None, "invalid UTF-8 in the path")
problem(None, "/v1/documents/", 404, "not-found", None, "no id")

# ---- /v1/lookup
for number in ["111/2022/NĐ-CP", "111/2022/ND-CP", "nd 111/2022", "Nghị định 111/2022", "111/2022/nđ-cp"]:
    s, _, res = d.get("/v1/lookup?number=" + q(number))
    check(s == 200 and res["resolved"] == "document" and res["matches"][0]["document"]["id"] == "111/2022/nđ-cp",
          f"number={number} → the document: {s} {res and res.get('resolved')}")
s, _, res = d.get("/v1/lookup?cite=" + q("khoản 2 Điều 2 Nghị định 111/2022/NĐ-CP"))
m = res["matches"][0] if s == 200 else {}
check(s == 200 and res["resolved"] == "clause" and m["article"]["id"] == "111/2022/nđ-cp/d2" and
      m["article"]["found"] and m["clause"]["id"] == "111/2022/nđ-cp/d2/k2" and m["clause"]["found"],
      f"a citation resolved level by level: {res}")
s, _, res = d.get("/v1/lookup?cite=" + q("khoản 99 Điều 2 Nghị định 111/2022/NĐ-CP"))
m = res["matches"][0] if s == 200 else {}
check(s == 200 and res["resolved"] == "article" and m["clause"]["found"] is False,
      f"a clause that does not exist: the article is resolved, the clause not: {res}")
s, _, res = d.get("/v1/lookup?cite=" + q("Điều 999 Nghị định 111/2022/NĐ-CP"))
check(s == 200 and res["resolved"] == "document" and res["matches"][0]["article"]["found"] is False,
      "an article that does not exist")
body = problem(None, "/v1/lookup?number=" + q("99/2099/NĐ-CP"), 404, "not-found", None, "an unknown number")
check(body and isinstance(body.get("candidates"), list) and body["candidates"], f"404 lists the nearest: {body}")
problem(None, "/v1/lookup", 400, "bad-parameter", None, "lookup without number or cite")
problem(None, "/v1/lookup?number=1&cite=2", 400, "bad-parameter", None, "lookup with both")
problem(None, "/v1/lookup?number=" + "9" * 5000, 400, "over-limit", "number")

# ---- /v1/codification
s, _, topics = d.get("/v1/codification")
t36 = [x for x in topics["topics"] if x["number"] == "36"] if s == 200 else []
check(s == 200 and t36 and t36[0]["name"] and t36[0]["articles"] > 0, f"the chủ đề with counts: {topics}")
nums = [int(x["number"]) for x in topics["topics"]]
check(nums == sorted(nums), "chủ đề in number order")
s, _, topic = d.get("/v1/codification/36")
h363 = [x for x in topic["headings"] if x["number"] == "36.3"] if s == 200 else []
check(s == 200 and h363 and h363[0]["name"] == "Thanh niên" and sum(x["articles"] for x in topic["headings"]) == t36[0]["articles"],
      f"the đề mục of chủ đề 36 add up to its count: {topic}")
s, _, res = d.get("/v1/search?in=codified&heading=36.3&per_page=1")
listed = res["total"]
s, _, head = d.get("/v1/codification/36/36.3?per_page=100")
arts = [a for c in head["chapters"] for a in c["articles"]] if s == 200 else []
check(s == 200 and head["total"] == listed == h363[0]["articles"] and len(arts) == min(100, listed),
      f"the đề mục's articles: total {head.get('total') if head else None}, search {listed}")
check(all(c["chapter"] for c in head["chapters"]) and len({c["chapter"] for c in head["chapters"]}) == len(head["chapters"]),
      "articles grouped under their chapters, each chapter once")
s, _, page2 = d.get("/v1/codification/36/36.3?per_page=100&page=2")
arts2 = [a for c in page2["chapters"] for a in c["articles"]]
check(s == 200 and len(arts) + len(arts2) == listed and not {a["id"] for a in arts} & {a["id"] for a in arts2},
      "the second page continues the first")
problem(None, "/v1/codification/99", 404, "not-found", "chude")
problem(None, "/v1/codification/abc", 400, "bad-parameter", "chude")
problem(None, "/v1/codification/36/37.1", 404, "not-found", "demuc")
problem(None, "/v1/codification/36/36.99", 404, "not-found", "demuc")
problem(None, "/v1/codification/36/36.3?per_page=1000", 400, None, "per_page")

# ---- /v1/suggest
for typed in ["thanh n", "thanh ni", "Thanh niê", "luat thanh"]:
    s, _, res = d.get("/v1/suggest?q=" + q(typed))
    texts = [x["text"] for x in res["suggestions"]] if s == 200 else []
    check(s == 200 and 0 < len(texts) <= 10 and any("hanh niên" in x for x in texts),
          f"'{typed}' suggests the Thanh niên titles: {texts[:3]}")
s, _, res = d.get("/v1/suggest?q=111/20")
check(s == 200 and res["suggestions"] and res["suggestions"][0]["id"] == "111/2022/nđ-cp", f"a number prefix: {res}")
s, _, res = d.get("/v1/suggest?q=" + q("thanh") + "&limit=3")
check(s == 200 and len(res["suggestions"]) <= 3, "limit=3")
problem(None, "/v1/suggest?q=thanh&limit=11", 400, None, "limit")
problem(None, "/v1/suggest", 400, None, "q")
problem(None, "/v1/suggest?q=" + "a" * 201, 400, "over-limit", "q")

# ---- /v1/stats, /healthz, /readyz
s, h, stats = d.get("/v1/stats")
ids = [x for x in t.run("ids", "--db", t.db).stdout.split("\n") if x]
check(s == 200 and sum(stats["entries"].values()) == len(ids), f"entries add up to tracuu ids: {stats.get('entries')} {len(ids)}")
check(stats["records"]["docs"] > 0 and stats["types"].get("nghi-dinh", 0) > 0 and stats["years"].get("2022", 0) > 0,
      f"counts by kind, type and year: {stats}")
check(re.fullmatch(r"\d+\.\d+\.\d+", stats["revision"]) and stats.get("built"), f"revision and build time: {stats}")
s, _, body = d.get("/healthz")
check(s == 200 and body["status"] == "ok", "healthz")
s, _, body = d.get("/readyz")
check(s == 200 and body["status"] == "ready", "readyz")

# ---- HTTP conventions
s, h, _ = d.request("PUT", "/v1/search?q=x")
check(s == 405 and "GET" in h.get("allow", "") and "HEAD" in h.get("allow", ""), f"405 with Allow: {s} {h.get('allow')}")
s, h, _ = d.request("DELETE", "/v1/stats")
check(s == 405 and h.get("allow", "").startswith("GET"), f"DELETE on a read route: {s}")
s, h, _ = d.request("GET", "/v1/records")
check(s == 405 and "POST" in h.get("allow", ""), f"GET on the write route: {s} {h.get('allow')}")
s, h, data = d.request("HEAD", "/v1/search?q=thanh")
check(s == 200 and data == b"" and int(h.get("content-length", "0")) > 0, f"HEAD: {s} {h.get('content-length')}")
s, h, _ = d.get("/v1/search?q=thanh")
etag = h.get("etag")
check(etag and h.get("cache-control", "").startswith("public"), f"ETag and Cache-Control: {h}")
s2, h2, _ = d.get("/v1/search?q=thanh")
check(h2.get("etag") == etag, "the same request has the same ETag")
s3, h3, _ = d.get("/v1/search?q=niên")
check(h3.get("etag") != etag, "another request has another ETag")
s, h, data = d.request("GET", "/v1/search?q=thanh", headers={"If-None-Match": etag})
check(s == 304 and data == b"" and h.get("etag") == etag, f"If-None-Match → 304: {s}")
s, h, data = d.request("GET", "/v1/search?q=thanh", headers={"If-None-Match": '"other"'})
check(s == 200, "another ETag → 200")
s, h, plain = d.request("GET", "/v1/search?q=thanh")
s, h, zipped = d.request("GET", "/v1/search?q=thanh", headers={"Accept-Encoding": "gzip, deflate"})
check(s == 200 and h.get("content-encoding") == "gzip" and gzip.decompress(zipped) == plain and len(zipped) < len(plain),
      f"gzip on Accept-Encoding: {h.get('content-encoding')} {len(zipped)} < {len(plain)}")
s, h, data = d.request("GET", "/v1/search?q=thanh", headers={"Accept-Encoding": "gzip;q=0"})
check(s == 200 and "content-encoding" not in h, "gzip;q=0 is refused gzip")
check(h.get("access-control-allow-origin") == "*", "CORS on GET")
s, h, _ = d.request("OPTIONS", "/v1/search")
check(s == 204 and "GET" in h.get("access-control-allow-methods", "") and h.get("access-control-allow-origin") == "*",
      f"a CORS preflight: {s} {h}")
check(h.get("x-request-id"), "a request id on every response")
s, h, _ = d.request("GET", "/healthz", headers={"X-Request-Id": "portal-42"})
check(h.get("x-request-id") == "portal-42", "a client's request id is echoed")
s, h, _ = d.request("GET", "/healthz", headers={"X-Request-Id": "bad id\t!"})
check(h.get("x-request-id") not in (None, "bad id\t!"), "a malformed request id is replaced")
problem(None, "/nowhere", 404, "not-found", None, "an unknown path")
s, h, _ = d.request("GET", "/v1/search?q=%ff")
check(h.get("cache-control") == "no-store", "errors are not cached")

# ---- metrics
s, h, data = d.request("GET", "/metrics")
text = data.decode()
m = re.search(r'tracuu_requests_total\{route="search",status="200"\} (\d+)', text)
check(s == 200 and h.get("content-type", "").startswith("text/plain") and m and int(m.group(1)) > 20,
      f"requests by route and status: {m and m.group(0)}")
for name in ['tracuu_request_duration_seconds_bucket{route="search",le="+Inf"}', 'tracuu_requests_total{route="search",status="400"}',
             "tracuu_index_reopens_total", 'tracuu_index_revision{db="docs"}', 'tracuu_index_records{kind="codified"}',
             "tracuu_requests_in_flight", "tracuu_connections"]:
    check(name in text, f"/metrics has {name}")

# ---- OpenAPI ↔ the route table, both ways
s, h, spec = d.get("/openapi.json")
check(s == 200 and spec["openapi"].startswith("3.1"), "an OpenAPI 3.1 document")
source = open(os.path.join(os.environ["TRACUU_SOURCE_ROOT"], "api", "routes.c"), encoding="utf-8").read()
table = re.findall(r'\{"(GET|POST|DELETE)", "(/[^"]*)", api_\w+', source)
check(len(table) >= 14, f"the route table is read: {len(table)} routes")
documented = {(m.upper(), p) for p, item in spec["paths"].items() for m in item}
in_table = {(m, p.replace("+", "")) for m, p in table}
check(documented == in_table, f"every route is documented and every documented route is in the table: "
      f"{documented ^ in_table}")
for path, item in spec["paths"].items():
    for method, op in item.items():
        check(op.get("summary") and "200" in op["responses"], f"{method} {path} has a summary and a 200 response")
        for p in op["parameters"]:
            check(p.get("description") and p["schema"].get("type"), f"{method} {path} documents {p['name']}")
        target = path
        query = []
        for p in op["parameters"]:
            if p["in"] == "path":
                target = target.replace("{" + p["name"] + "}", q(p.get("example", "x")).replace("%2F", "/"))
            elif p.get("example"):
                query.append(f"{p['name']}={q(p['example'])}")
        if query:
            target += "?" + "&".join(query)
        s, h, _ = d.request(method.upper(), target, body=b"" if method == "post" else None)
        want = (200,) if "security" not in op else (401, 403)
        check(s in want, f"the documented {method.upper()} {target} answers: {s}")

# ---- static files (--web)
s, h, data = d.request("GET", "/")
check(s == 200 and b"<title>tracuu" in data and h.get("content-type", "").startswith("text/html"), f"/ → index.html: {s}")
s, h, data = d.request("GET", "/js/app.js")
check(s == 200 and h.get("content-type", "").startswith("text/javascript"), f"a script: {s} {h.get('content-type')}")
for target in ["/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt",
               "/link.txt", "/js/..%2f..%2fsecret.txt", "/nope.html", "/js/", "/%00"]:
    s, h, data = d.request("GET", target)
    check(s in (404, 400) and b"not to be served" not in data, f"{target} is not served: {s}")
s, h, _ = d.request("POST", "/index.html", body=b"x")
check(s == 404, f"a POST to a static path: {s}")

# ---- the access log: JSON lines, no token
d2_token = "s3cret-token-" + "x" * 20
token_file = os.path.join(t.tmp, "token")
with open(token_file, "w") as f:
    f.write(d2_token + "\n")

# ---- writes: disabled without a token file
def as_json(r):
    return r[0], r[1], json.loads(r[2]) if r[2] else None


problem(as_json(d.request("POST", "/v1/records", body=b"{}")), None, 403, "forbidden", None,
        "writes without a configured token")
problem(as_json(d.request("DELETE", "/v1/records/x")), None, 403, "forbidden", None, "DELETE without a configured token")
rc = d.stop()
check(rc == 0, f"SIGTERM stops the daemon with status 0: {rc} {d.stderr[-500:]}")
lines = [json.loads(x) for x in open(log, encoding="utf-8")]
check(len(lines) > 100 and all({"time", "id", "method", "path", "status", "bytes", "us"} <= set(x) for x in lines),
      f"the access log has a JSON line per request: {len(lines)}")
check(any(x["status"] == 414 for x in lines) and any(x["path"] == "/v1/search" for x in lines), "the log has paths and statuses")

# ---- writes with a token
w = Daemon(t.binary, t.db, "--token-file", token_file, "--max-body-mb", "1", log=log)
auth = {"Authorization": "Bearer " + d2_token}


def call(method, target, body=None, headers=None):
    s, h, data = w.request(method, target, body=body, headers=headers)
    return s, h, (json.loads(data) if data else None)


record = {"kind": "document", "id": "api-test/1", "doc_number": "7/2026/NĐ-CP", "type": "nghi-dinh",
          "issuer": "Chính phủ", "issue_date": "2026-01-05", "title": "Về thử nghiệm giao diện lập trình",
          "body": {"kind": "root", "children": [{"kind": "article", "number": "1", "heading": "Phạm vi",
                                                 "text": "Nghị định này quy định về chuồnchuồn thử nghiệm."}]}}
other = dict(record, id="api-test/2", doc_number="8/2026/NĐ-CP",
             body={"kind": "root", "text": "Văn bản thứ hai về chuồnchuồn."})
body = "\n".join([json.dumps(record, ensure_ascii=False), "{not json", json.dumps({"kind": "document"}),
                  json.dumps(other, ensure_ascii=False)]).encode()
s, h, res = call("POST", "/v1/records", body)
check(s == 401 and h.get("www-authenticate", "").startswith("Bearer") and res["type"] == "/problems/unauthorized",
      f"no token → 401 with WWW-Authenticate: {s} {h}")
s, h, res = call("POST", "/v1/records", body, {"Authorization": "Bearer " + d2_token[:-1] + "y"})
check(s == 401, f"a wrong token → 401: {s}")
s, h, res = call("POST", "/v1/records", body, {"Authorization": "Bearer " + d2_token + "x"})
check(s == 401, f"a longer token → 401: {s}")
s, h, res = call("POST", "/v1/records", body, {"Authorization": "Basic " + d2_token})
check(s == 401, f"another scheme → 401: {s}")
before = time.time()
s, h, res = call("POST", "/v1/records", body, auth)
# entries as tracuu index counts them: 2 documents and the 1 article of the first
check(s == 200 and res["records"] == 2 and res["added"] == 3 and res["rejected"] == 2 and
      [e["line"] for e in res["errors"]] == [2, 3],
      f"the good lines land, each bad one is reported with its line: {s} {res}")
check(h.get("cache-control") == "no-store" and "access-control-allow-origin" not in h, "writes: no-store, no CORS")
found = None
while time.time() - before < 5:
    s, h, res = call("GET", "/v1/search?q=" + q("chuồnchuồn") + "&in=docs")
    if s == 200 and res["total"] == 2:
        found = time.time() - before
        break
    time.sleep(0.05)
check(found is not None and found < 1.5, f"ingested records are searchable at once: {found}")
s, _, res = call("GET", "/v1/documents/api-test/1")
check(s == 200 and res["title"] == record["title"], "an ingested record by id")
s, _, res = call("POST", "/v1/records", body, auth)
check(s == 200 and res["unchanged"] == 3 and res["added"] == 0, f"the same records again are unchanged: {res}")
s, _, res = call("POST", "/v1/records", json.dumps(dict(record, title="Về thử nghiệm lần hai"), ensure_ascii=False).encode(), auth)
check(s == 200 and res["records"] == 1 and res["changed"] == 2, f"a changed record (its title is on its article too): {res}")
s, _, res = call("POST", "/v1/records", b"", auth)
check(s == 400, f"an empty body: {s}")
# over the body limit: answered as soon as the headers say so, before the body is sent
sock = socket.create_connection(("127.0.0.1", w.port), timeout=10)
sock.sendall(f"POST /v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {d2_token}\r\n"
             f"Content-Length: {(1 << 20) + 1}\r\n\r\n".encode())
reply = b""
while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
    chunk = sock.recv(65536)
    if not chunk:
        break
    reply += chunk
sock.close()
head, _, payload = reply.partition(b"\r\n\r\n")
s = int(head.split()[1]) if head else 0
res = json.loads(payload) if payload.strip().startswith(b"{") else {}
check(s == 413 and res["type"] == "/problems/too-large" and str(1 << 20) in res["detail"], f"over the body limit → 413: {s} {res}")
s, _, res = call("DELETE", "/v1/records/api-test/1", headers=auth)
check(s == 200 and res["removed_entries"] >= 2, f"DELETE removes the document and its provisions: {res}")
s, _, res = call("GET", "/v1/documents/api-test/1")
check(s == 404, "a deleted record is gone")
s, _, res = call("GET", "/v1/documents/api-test/1/d1")
check(s == 404, "and its provision too")
s, _, res = call("DELETE", "/v1/records/api-test/1", headers=auth)
check(s == 404, f"deleting it again → 404: {s}")
s, _, res = call("DELETE", "/v1/records/api-test/2")
check(s == 401, "DELETE without a token → 401")

# a second concurrent write gets 409 naming the holder
many = "\n".join(json.dumps(dict(record, id=f"api-bulk/{i}", doc_number=f"{i}/2027/NĐ-CP",
                                 title=f"Văn bản số {i} về chuồnchuồn"), ensure_ascii=False) for i in range(1500)).encode()
bulk = {}


def post_bulk():
    # a client retries a 409 (Retry-After): the prober below may hold the lock first
    for _ in range(200):
        bulk["result"] = call("POST", "/v1/records", many, auth)
        if bulk["result"][0] != 409:
            break
        time.sleep(0.05)


thread = threading.Thread(target=post_bulk)
thread.start()
conflict = None
while thread.is_alive() and conflict is None:
    s, h, res = call("DELETE", "/v1/records/api-test/none", headers=auth)
    if s == 409:
        conflict = res
    time.sleep(0.01)
thread.join()
check(conflict and "request" in conflict["detail"] and "POST /v1/records" in conflict["detail"],
      f"409 names the write in progress: {conflict}")
check(bulk["result"][0] == 200 and bulk["result"][2]["records"] == 1500, f"the first write completes: {bulk['result'][2]}")
# a `tracuu index` holding the index: 409 naming its pid
holder = subprocess.Popen([t.binary, "index", "--db", t.db, os.path.join(sample, "phapdien"), os.path.join(sample, "congbao")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 30
pidfile = os.path.join(t.db, "docs", "tracuu-writer.pid")
while time.time() < deadline and holder.poll() is None and not os.path.exists(pidfile):
    time.sleep(0.01)
locked = None
seen = []
while time.time() < deadline and holder.poll() is None and locked is None:
    s, h, res = call("DELETE", "/v1/records/api-test/none", headers=auth)
    seen.append(s)
    if s == 409:
        locked = res
    time.sleep(0.02)
holder.wait()
check(locked and str(holder.pid) in locked["detail"], f"409 names the indexing process: {locked} {seen[:10]}")
rc = w.stop()
check(rc == 0, f"the writing daemon stops with 0: {rc}")
logged = open(log, encoding="utf-8").read()
check(d2_token not in logged and "Bearer" not in logged, "the token is never logged")

t.cleanup()
done("api")
