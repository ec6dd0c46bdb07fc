#!/usr/bin/env python3
"""The real tracuu binary on the bundled sample: index, every query form,
get, ids, limits, incremental re-run and the writer lock."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from tctest import Tracuu, check, done, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
sources = [os.path.join(sample, "phapdien"), os.path.join(sample, "congbao")]

# -- indexing
out = t.index(*sources).stdout
check("indexed" in out and " added" in out, f"index summary: {out}")
again = t.index(*sources).stdout
check(" 0 added, 0 changed" in again and "0 removed" in again, f"a second run changes nothing: {again}")

ids = t.run("ids", "--db", t.db).stdout.split("\n")
check("111/2022/nđ-cp" in ids, "the sample's Nghị định 111/2022 is indexed under its number")
check("pd/36.3.LQ.1" in ids, "the Thanh niên đề mục is indexed, its articles by their readable ids")
# the export's key, the former id, still resolves
old = t.get("pd/012d9b93-c11d-48b6-b08e-14d77515ca1e/3600300000000000100000100000000000000000")
check(old.get("id") == "pd/36.3.LQ.1" and old.get("former_id", "").startswith("pd/012d9b93"),
      f"a former id resolves to the readable one: {old.get('id')}")
part = t.run("get", "--json", "--db", t.db, "pd/012d9b93-c11d-48b6-b08e-14d77515ca1e/"
             "3600300000000000100000500000000000000000/k2", check_status=False)
check(part.returncode == 0 and json.loads(part.stdout).get("id") == "pd/36.3.LQ.5/k2",
      f"a clause under a former id resolves too: {part.stdout[:200]} {part.stderr[:200]}")

def top(res):
    return res["hits"][0] if res["hits"] else {}

# -- words, with and without diacritics
acc = t.search("thanh", "niên", target="codified")
unacc = t.search("thanh", "nien", target="codified")
check(acc["total"] > 0 and unacc["total"] > 0, "accented and unaccented queries find codified articles")
# the same articles first (the first two tie within 0.01 % in the accented
# query, and the unaccented one weighs the words' folded forms: their order
# may differ)
first = [h["id"] for h in unacc["hits"][:2]]
check(top(acc).get("id") in first,
      f"unaccented query ranks the accented one's first article among its first two: {top(acc).get('id')} {first}")
for hit in acc["hits"]:
    snippet = hit.get("snippet", "")
    marks = [snippet.encode()[s:e].decode().lower() for s, e in hit.get("highlights", [])]
    check(marks and all(m in ("thanh", "niên") for m in marks), f"highlights land on the query words: {marks}")

# exact beats folded: "hòa" (accented) must not highlight "hoa"
res = t.search("hòa", "giải", limit=5)
for hit in res["hits"]:
    marks = [hit["snippet"].encode()[s:e].decode().lower() for s, e in hit.get("highlights", [])]
    check(all(m in ("hòa", "giải", "hoà") for m in marks), f"accented query highlights exact forms only: {marks}")

# -- document numbers in several spellings
for q in ["111/2022/NĐ-CP", "111/2022/ND-CP", "nd 111/2022", "Nghị định 111/2022", "nghi dinh 111/2022/nd-cp"]:
    res = t.search(q)
    check(top(res).get("id") == "111/2022/nđ-cp", f"'{q}' puts the document first (got {top(res).get('id')})")
    check(any(n.startswith("111/2022") or n == "nd:111/2022" for n in res["recognized"]["doc_numbers"]),
          f"'{q}' is recognized as a number: {res['recognized']}")

# a number the index holds is what the query is about: what matches is that
# document, its parts and what mentions it, not every text that writes "2022"
# or "111" (13 of 29 matches did, Điều 111 of a law among them)
res = t.search("nd 111/2022", limit=100)
strays = [h["id"] for h in res["hits"] if "111/2022" not in json.dumps(h, ensure_ascii=False)]
check(res["total"] == len(res["hits"]) and res["total"] >= 12 and not strays,
      f"'nd 111/2022' matches what holds 111/2022 only: {res['total']} matches, others {strays}")
# a number nothing holds leaves the words to match: the nearest, not nothing
res = t.search("Nghị định 99/2099/NĐ-CP")
check(res["total"] > 0 and "99/2099/nđ-cp" in res["recognized"]["doc_numbers"],
      f"an unknown number still finds by its words: {res['total']}")

# a whole number typed in small letters, codes with digits included
for q in ["57/2020/qh14", "57 2020 qh14", "luật 57/2020"]:
    res = t.search(*q.split())
    check(top(res).get("id") == "src/57/2020/qh14", f"'{q}' puts Luật 57/2020/QH14 first: {top(res).get('id')}")
res = t.search("57/2020/qh14")
check("57/2020/qh14" in res["recognized"]["doc_numbers"], f"the whole number is recognized: {res['recognized']}")

# "Điều N" + a law's name: the codified article whose note cites that
# law's Điều N, never another document's article N
for q, article in [("Điều 12 Luật Thanh niên", "Điều 12"), ("dieu 5 luat thanh nien", "Điều 5"),
                   ("Điều 5 của Luật Thanh niên năm 2020", "Điều 5")]:
    res = t.search(*q.split())
    links = t.get(top(res).get("id", "?")).get("codified", {}).get("sources", []) if res["hits"] else []
    check(any(link.get("relation") == "original" and link.get("doc_number") == "57/2020/QH14" and
              link.get("article") == article for link in links),
          f"'{q}' puts the codified {article} of Luật Thanh niên first: {top(res).get('id')} {links}")

# -- the codification's headings: every đề mục and chủ đề a record of its
# own, listing what it holds; "đề mục X" lands on it
check("pd/demuc/012d9b93-c11d-48b6-b08e-14d77515ca1e" in ids and "pd/chude/36" in ids,
      "the sample's đề mục Thanh niên and chủ đề 36 are records")
check(not any(i.startswith("pd/demuc/") and i.count("/") > 2 for i in ids), "a đề mục's id is no article's prefix")
for q, target in [("đề mục thanh niên", None), ("de muc thanh nien", None), ("Đề mục 36.3", None),
                  ("pháp điển thanh niên", "codified")]:
    res = t.search(*q.split(), target=target)
    check(top(res).get("id") == "pd/demuc/012d9b93-c11d-48b6-b08e-14d77515ca1e" and top(res).get("kind") == "demuc",
          f"'{q}' lands on the đề mục Thanh niên: {top(res).get('id')}")
res = t.search("chủ", "đề", "tổ", "chức", "chính", "trị", "-", "xã", "hội,", "hội")
check(top(res).get("id") == "pd/chude/36", f"a chủ đề by its name: {top(res).get('id')}")
demuc = t.get("pd/demuc/012d9b93-c11d-48b6-b08e-14d77515ca1e")
articles = [i for i in ids if i.startswith("pd/36.3.") and i.count("/") == 1]
check(demuc["kind"] == "demuc" and demuc["title"] == "Thanh niên" and demuc["number"] == "36.3" and
      demuc["codified"]["chude_number"] == "36" and "Điều 36.3.LQ.1. Thanh niên" in demuc["text"],
      f"the đề mục's record lists its articles: {str(demuc)[:300]}")
check(demuc["articles"] == len(articles), f"... all {len(articles)} of them: {demuc['articles']}")
check("Đề mục 36.3 Thanh niên" in t.get("pd/chude/36")["text"], "the chủ đề lists its đề mục")
res = t.search("demuc:36.3", "thanh", "niên", target="codified")
check(res["hits"] and all(h["kind"] == "codified" for h in res["hits"]),
      f"a đề mục filter gives its articles: {[h['kind'] for h in res['hits']]}")

# -- a document by its name: type and title, with or without diacritics and
# year, its initials; the words alone name nothing
for q in ["Luật Thanh niên", "luat thanh nien", "Luật Thanh niên 2020", "luật thanh niên năm 2020", "LTN",
          "Luật TN"]:
    res = t.search(*q.split())
    check(top(res).get("id") == "src/57/2020/qh14", f"'{q}' names Luật Thanh niên 57/2020/QH14: {top(res).get('id')}")
for q in ["thanh niên"]:
    res = t.search(*q.split())
    check(top(res).get("id") != "src/57/2020/qh14", f"'{q}' is no name of 57/2020/QH14: {top(res).get('id')}")
res = t.search("Luật", "Thanh", "niên", target="codified")
check(top(res).get("kind") == "codified", f"a name does not change a search of the codification: {top(res).get('id')}")

# -- citations
res = t.search("khoản 2 Điều 2 Nghị định 111/2022/NĐ-CP")
check(top(res).get("id") == "111/2022/nđ-cp/d2", f"citation puts the provision first: {top(res).get('id')}")
check("điều:2" in res["recognized"]["citations"], "the citation is recognized")
res = t.search("Điều 1 Luật Thanh niên", target="codified")
cod = top(res).get("codified", {})
check(cod.get("article_number") == "36.3.LQ.1", f"Điều 1 Luật Thanh niên → 36.3.LQ.1 (got {cod.get('article_number')})")

# -- phrase, exclusion, OR, grouping
res = t.search('"thanh niên xung phong"', target="codified", limit=20, extra=["--text"])
check(res["total"] > 0, "phrase finds articles")
for hit in res["hits"]:
    check("thanh niên xung phong" in hit.get("text", "").lower(), f"phrase present in {hit['id']}")
res = t.search("thanh", "niên", "-xung", target="codified", limit=50, extra=["--text"])
for hit in res["hits"]:
    check("xung" not in hit.get("text", "").lower(), f"excluded word absent from {hit['id']}")
# a clause entry does not hold its article's other clauses: the word is out
# of the whole article, and the total counts what is shown
res = t.search("nghĩa", "vụ", "-quyền", target="provisions", limit=50, extra=["--text"])
check(res["hits"] and res["total"] == len(res["hits"]), f"exclusion total {res['total']} = hits {len(res['hits'])}")
for hit in res["hits"]:
    check("quyền" not in hit.get("text", "").lower(), f"excluded word absent from article {hit['id']}")
a = t.search("hợp đồng")["total"]
b = t.search("thanh niên")["total"]
ab = t.search("hợp đồng OR thanh niên")["total"]
check(ab >= max(a, b) and ab <= a + b, f"OR counts: {a} {b} {ab}")
g = t.search("(hợp đồng OR thanh niên) lao động")["total"]
check(0 < g <= ab, f"grouping narrows: {g}")

# -- filters
res = t.search("loai:nghi-dinh", limit=50, target="docs")
check(res["total"] > 0 and all(h.get("type") == "Nghị định" for h in res["hits"]), "loai: keeps Nghị định only")
res = t.search("nam:2022", limit=50, target="docs")
check(res["total"] > 0 and all(h.get("issue_date", "").startswith("2022") for h in res["hits"]), "nam: keeps 2022")
res = t.search("nam:2020..2022", limit=100, target="docs")
check(all("2020" <= h.get("issue_date", "")[:4] <= "2022" for h in res["hits"]), "nam: range")
res = t.search("banhanh:2022-12-01..2022-12-31", limit=50, target="docs")
check(any(h["id"] == "111/2022/nđ-cp" for h in res["hits"]), "issue date range finds 111/2022 (30/12/2022)")
res = t.search("apdung:2023-01-01", limit=200, target="docs")
check(all(h["id"] != "111/2022/nđ-cp" for h in res["hits"]), "111/2022 (effective 22/2/2023) is not in force on 1/1/2023")
res = t.search("apdung:2023-06-01", limit=200, target="docs")
check(any(h["id"] == "111/2022/nđ-cp" for h in res["hits"]), "111/2022 is in force on 1/6/2023")
res = t.search("chude:36", target="codified", limit=20)
check(res["total"] > 0 and all(h["codified"]["chude_number"] == "36" for h in res["hits"]), "chude: filter")
res = t.search("coquan:chinh-phu", target="docs", limit=50)
check(res["total"] > 0 and all(h.get("issuer") == "Chính phủ" for h in res["hits"]), "coquan: filter")
res = t.search("so:111/2022/ND-CP", target="docs")
check(res["total"] == 1 and top(res)["id"] == "111/2022/nđ-cp", "so: filter")
local = t.search("tinh:ha-noi", target="docs", limit=50)
check(all(h.get("province") in ("Hà Nội", "Thành phố Hà Nội") for h in local["hits"]), "tinh: filter")

# -- sorting, facets, pagination
res = t.search("loai:nghi-dinh", target="docs", limit=50, extra=["--sort", "newest"])
dates = [h.get("issue_date", "") for h in res["hits"]]
check(dates == sorted(dates, reverse=True), f"newest first: {dates}")
res = t.search("hợp đồng", extra=["--facets"], target="docs", limit=5)
types = res["facets"]["type"]
check(sum(types.values()) <= res["total"] and types, f"facets count types: {types}")
res = t.search("hợp đồng", extra=["--facets"], target="provisions", limit=5)
years = res["facets"]["year"]
check(years and sum(years.values()) <= res["total"], f"provision facets count each article once: {years} vs {res['total']}")
res = t.search("loai:nghi-dinh", extra=["--facets"], target="provisions", limit=5)
check(sum(res["facets"]["type"].values()) == res["total"], f"the total is exact: {res['facets']['type']} vs {res['total']}")
everything = t.search("loai:nghi-dinh", target="provisions", limit=1000)
check(len(everything["hits"]) == everything["total"], f"total = hits listed: {len(everything['hits'])} vs {everything['total']}")
p1 = t.search("thanh niên", limit=5)["hits"]
p2 = t.search("thanh niên", limit=5, extra=["--offset", "5"])["hits"]
p12 = t.search("thanh niên", limit=10)["hits"]
check([h["id"] for h in p1 + p2] == [h["id"] for h in p12], "pagination is consistent")

res = t.search("xung*", target="codified", limit=5, extra=["--text"])
check(res["total"] > 0 and all("xung" in h["text"].lower() for h in res["hits"]), "prefix search")

# -- get
prov = t.get("111/2022/nđ-cp/d2")
check(prov["kind"] == "provision" and prov["number"] == "2" and "1. " in prov["text"], "get prints a provision")
cod = t.get(top(t.search("Điều 1 Luật Thanh niên", target="codified"))["id"])
check(cod["codified"]["sources"][0]["doc_number"] == "57/2020/QH14", "get prints a codified article's source")
missing = t.run("get", "--db", t.db, "no/such/id", check_status=False)
check(missing.returncode == 1 and "no document" in missing.stderr, "get on a missing id says so")

# -- errors and limits
for q, word in [("(thanh niên", "parenthesis"), ("thanh OR", "OR"), ("loai:khong-co", "type"),
                ("x" * 5000, "limit"), ("t*", "prefix"), ("nam:abc", "year")]:
    r = t.run("search", "--db", t.db, "--", q, check_status=False)
    check(r.returncode == 2 and r.stderr.startswith("tracuu: "), f"'{q[:20]}' is rejected: {r.stderr.strip()}")
# option values are parsed strictly: the message names the option, the value and the range
for option, value in [("--limit", "abc"), ("--limit", "0"), ("--limit", "1e3"), ("--limit", "-5"),
                      ("--limit", " 5"), ("--limit", "+5"), ("--limit", "5000000000"), ("--limit", ""),
                      ("--offset", "5000000000"), ("--offset", "-1"), ("--offset", "12abc"),
                      ("--in", "everything"), ("--sort", "random")]:
    r = t.run("search", "--db", t.db, option, value, "thanh", check_status=False)
    check(r.returncode == 2 and r.stderr.startswith(f"tracuu: {option}") and (value.strip() in r.stderr),
          f"{option} {value!r} is refused naming both: {r.stderr.strip()}")
r = t.run("search", "--db", t.db, "--limit", "abc", "thanh", check_status=False)
check("1 to 1000" in r.stderr, f"the allowed range is given: {r.stderr.strip()}")
r = t.run("search", "--db", t.db, "--limit", "1000", "thanh", check_status=False)
check(r.returncode == 0, f"--limit 1000 is allowed: {r.stderr.strip()}")
r = t.run("index", "--db", os.path.join(t.tmp, "never"), "--batch-mb", "1e3", sources[0], check_status=False)
check(r.returncode == 2 and "--batch-mb" in r.stderr and "1e3" in r.stderr, f"--batch-mb 1e3: {r.stderr.strip()}")
# dates in the query syntax are real days
for q in ["apdung:2020-02-30", "apdung:2020-13-45", "banhanh:2021-02-29..2022", "apdung:2019-02-29"]:
    r = t.run("search", "--db", t.db, "--", q, check_status=False)
    check(r.returncode == 2 and "not a date" in r.stderr, f"'{q}' is not a real day: {r.stderr.strip()}")
r = t.run("search", "--db", t.db, "--json", "--", "apdung:2020-02-29", check_status=False)
check(r.returncode == 0, f"2020-02-29 is a real day: {r.stderr.strip()}")
r = t.run("search", "--db", t.db, "--offset", "995", "--limit", "10", "thanh", check_status=False)
check(r.returncode == 2 and "1000" in r.stderr, f"result window is capped: {r.stderr.strip()}")
r = t.run("search", "--db", os.path.join(t.tmp, "nothing"), "thanh", check_status=False)
check(r.returncode == 1 and "no index" in r.stderr, f"a missing index is named: {r.stderr.strip()}")

# -- codified articles: clauses as entries, collapsed on their article
res = t.search("Nhãn phụ là gì?", target="codified")
check(top(res).get("title") == "Giải thích từ ngữ" and top(res).get("matched_clause", "").endswith("/k4"),
      f"'X là gì?' finds the codified clause that defines X: {top(res).get('title')} {top(res).get('matched_clause')}")
check(top(res).get("snippet", "").startswith("4. Nhãn phụ là nhãn"), f"from that clause: {top(res).get('snippet')}")
check(top(res).get("codified", {}).get("article_number"), "the hit is the codified article, with its number")
# definition questions in other forms find the clause that defines exactly that term
res = t.search("Theo Nghị định 43/2017, ngày sản xuất được hiểu là gì?", target="codified")
check(top(res).get("matched_clause", "").endswith("/k10") and top(res).get("title") == "Giải thích từ ngữ",
      f"'…, X được hiểu là gì?' → the definition: {top(res).get('title')} {top(res).get('matched_clause')}")
res = t.search("Thế nào là nhãn phụ?", target="codified")
check(top(res).get("matched_clause", "").endswith("/k4"), f"'Thế nào là X?' → {top(res).get('matched_clause')}")
# an article titled by the term it defines outranks a clause that merely opens "Thanh niên là ..."
res = t.search("Thanh niên là gì?", target="codified")
check(top(res).get("codified", {}).get("article_number") == "36.3.LQ.1",
      f"'Thanh niên là gì?' → 36.3.LQ.1 (got {top(res).get('codified', {}).get('article_number')})")
res = t.search("nhãn", "hàng", "hóa", target="codified", limit=1000)
hit_ids = [h["id"] for h in res["hits"]]
check(res["total"] == len(hit_ids) == len(set(hit_ids)) and not any("/k" in i for i in hit_ids),
      f"each codified article once, total exact: {res['total']} {len(hit_ids)} {len(set(hit_ids))}")
src = t.get(top(res)["id"])
check(src.get("kind") == "codified" and "/k" not in src["id"], f"get returns the article: {src.get('id')}")

# -- ALQAC's law.json: articles split into clauses and points; definitions
law = Tracuu(t.binary)
law.index(os.path.join(sample, "alqac", "law.json"))
res = law.search("Tạm vắng là gì?", target="provisions")
check(top(res).get("id") == "alqac/Luật Cư trú/d2" and top(res).get("matched_clause") == "alqac/Luật Cư trú/d2/k7",
      f"'X là gì?' finds the clause that defines X: {top(res).get('id')} {top(res).get('matched_clause')}")
res = law.search("luu tru la gi", target="provisions")
check(top(res).get("matched_clause") == "alqac/Luật Cư trú/d2/k6",
      f"a short question does not require its question words: {res['total']} {top(res).get('matched_clause')}")
res = law.search("Công dân ra nước ngoài để định cư thì có bị xóa đăng ký thường trú không?", target="provisions")
check(top(res).get("matched_clause") == "alqac/Luật Cư trú/d24/k1/b",
      f"a point of a long clause is an entry of its own: {top(res).get('matched_clause')}")
check("b) Ra nước ngoài để định cư" in top(res).get("snippet", ""), f"its snippet: {top(res).get('snippet')}")
art = law.get("alqac/Luật Cư trú/d24")
check("1. Người thuộc một trong các trường hợp sau đây" in art["text"] and "\nb) Ra nước ngoài" in art["text"],
      "the article's text keeps its clauses and points")
law.cleanup()

# -- the writer lock: a second writer is told who holds it
holder = subprocess.Popen([t.binary, "index", "--db", t.db, "--prune", *sources, sources[0]],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 20
pidfile = os.path.join(t.db, "docs", "tracuu-writer.pid")
while time.time() < deadline and not os.path.exists(pidfile):
    time.sleep(0.02)
second = t.run("index", "--db", t.db, sources[0], check_status=False)
holder.wait()
check(second.returncode == 1 and f"locked by pid {holder.pid}" in second.stderr,
      f"second writer: {second.stderr.strip()}")

t.cleanup()
done("search")
