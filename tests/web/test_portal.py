#!/usr/bin/env python3
"""The portal kit against the real daemon on the bundled Công báo sample:
/v1/listing (scope, exact count, order, pages, facets, errors), the Atom
feed (parsed with xml.etree and held to RFC 4287's required elements), and
incremental sync: a portal that syncs from empty with /v1/changes, then
through an update indexed with --prune, holds exactly the listing's set."""
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "api"))
from daemon import Daemon, Tracuu, check, done, q, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
# A copy of the Công báo sample that the update below edits (PDFs left out:
# they add nothing here and cost time under the sanitizers).
corpus = os.path.join(t.tmp, "congbao")
shutil.copytree(os.path.join(sample, "congbao"), corpus, ignore=shutil.ignore_patterns("pdf-samples"))
t.index(corpus)
d = Daemon(t.binary, t.db)


def get(target, want=200):
    s, h, body = d.get(target)
    check(s == want, f"{target} → {want}: {s} {body if s != want else ''}")
    return body or {}


def listing_ids(scope=""):
    ids, page = [], 1
    while True:
        body = get(f"/v1/listing?per_page=100&page={page}{scope}")
        ids += [it["id"] for it in body.get("items", [])]
        if len(ids) >= body.get("total", 0) or not body.get("items"):
            return ids, body.get("total", 0)
        page += 1


# ---- /v1/listing ----
all_ids, total = listing_ids()
search = get("/v1/search?in=docs&per_page=100&type=nghi-dinh")
scoped = get("/v1/listing?type=nghi-dinh&per_page=100")
check(total == len(all_ids) == len(set(all_ids)) and total > 10, f"the listing counts every document once: {total}")
check(scoped["total"] == search["total"] and {i["id"] for i in scoped["items"]} == {h["id"] for h in search["hits"]},
      f"a scoped listing holds what a search with the same filter finds: {scoped['total']} vs {search['total']}")
check(all(i["type"] == "Nghị định" for i in scoped["items"]), "type=nghi-dinh lists Nghị định only")
dates = [i.get("issue_date", "") for i in scoped["items"]]
check(dates == sorted(dates, reverse=True), f"newest first: {dates}")
oldest = get("/v1/listing?type=nghi-dinh&per_page=100&sort=oldest")
check([i["id"] for i in oldest["items"] if i.get("issue_date")] ==
      list(reversed([i["id"] for i in scoped["items"] if i.get("issue_date")])), "sort=oldest is the reverse order")
p1 = get("/v1/listing?per_page=3&page=1")
p2 = get("/v1/listing?per_page=3&page=2")
check([i["id"] for i in p1["items"] + p2["items"]] == all_ids[:6] and p2["page"] == 2 and p2["per_page"] == 3,
      "pages follow one another")
local = get("/v1/listing?province=ha-tinh")
check(local["total"] == 1 and local["items"][0]["id"] == "84/2025/qđ-ubnd@ha-tinh",
      f"province=ha-tinh lists the Hà Tĩnh decision: {local}")
since = get("/v1/listing?since=2026-01-01&per_page=100")
check(since["total"] > 0 and all(i["issue_date"] >= "2026-01-01" for i in since["items"]),
      "since= lists documents issued on or after that day")
facets = get("/v1/listing?facets=1&per_page=1")["facets"]
check(sum(facets["type"].values()) <= total and facets["type"].get("nghi-dinh") == scoped["total"],
      f"facets count the scope: {facets['type']}")
check(all("changed" in i and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", i["changed"])
          for i in p1["items"]), "each item says when it last changed (RFC 3339)")
for target, param in [("/v1/listing?sort=relevance", "sort"), ("/v1/listing?since=2026-13-40", "since"),
                      ("/v1/listing?type=no-such-type", "type"), ("/v1/listing?per_page=0", "per_page"),
                      ("/v1/listing?page=10001", "page"), ("/v1/listing?q=x", "q")]:
    s, h, body = d.get(target)
    check(s == 400 and h.get("content-type") == "application/problem+json" and body.get("parameter") == param,
          f"{target} → 400 naming {param}: {s} {body}")
s, h, _ = d.get("/v1/listing", headers={"Origin": "https://cong.example.gov.vn"})
check(h.get("access-control-allow-origin") == "*", "the listing answers other origins (CORS)")
s, h, _ = d.request("POST", "/v1/listing", body=b"")
check(s == 405 and "GET" in h.get("allow", ""), f"the listing is GET only: {s} {h.get('allow')}")

# ---- /v1/feed.atom (RFC 4287) ----
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
s, h, raw = d.request("GET", "/v1/feed.atom?type=nghi-dinh&per_page=5")
check(s == 200 and h.get("content-type", "").startswith("application/atom+xml"), f"the feed is Atom: {s} {h}")
feed = ET.fromstring(raw)
check(feed.tag == ATOM + "feed", f"the root is atom:feed: {feed.tag}")


def one(parent, name, where):
    found = parent.findall(ATOM + name)
    check(len(found) == 1, f"{where} has exactly one atom:{name}: {len(found)}")
    return found[0] if found else None


for name in ("id", "title", "updated"):
    one(feed, name, "the feed")
check(RFC3339.match(feed.findtext(ATOM + "updated") or ""), "the feed's atom:updated is an RFC 3339 date")
check(re.match(r"^[a-z][a-z0-9+.-]*:", feed.findtext(ATOM + "id") or ""), "the feed's atom:id is an IRI")
selfs = [ln for ln in feed.findall(ATOM + "link") if ln.get("rel") == "self"]
check(len(selfs) == 1 and selfs[0].get("href", "").startswith("/v1/feed.atom"), "the feed links to itself")
feed_author = feed.find(ATOM + "author")
entries = feed.findall(ATOM + "entry")
check(len(entries) == min(5, scoped["total"]), f"per_page entries: {len(entries)}")
entry_ids = []
for e in entries:
    where = f"entry {e.findtext(ATOM + 'id')}"
    for name in ("id", "title", "updated"):
        one(e, name, where)
    entry_ids.append(e.findtext(ATOM + "id"))
    check(RFC3339.match(e.findtext(ATOM + "updated") or ""), f"{where}: atom:updated is RFC 3339")
    # RFC 4287 4.1.1: an author in each entry or in the feed; 4.1.2: a
    # link rel="alternate" when there is no atom:content
    check(feed_author is not None or e.find(ATOM + "author") is not None, f"{where} has an author")
    check(e.find(ATOM + "content") is not None or
          any(ln.get("rel", "alternate") == "alternate" for ln in e.findall(ATOM + "link")),
          f"{where} has content or an alternate link")
    published = e.findtext(ATOM + "published")
    check(published is None or RFC3339.match(published), f"{where}: atom:published is RFC 3339")
check(len(set(entry_ids)) == len(entry_ids), "entry ids are unique")
titles = [e.findtext(ATOM + "title") for e in entries]
check(titles and titles[0].startswith(scoped["items"][0]["doc_number"]), f"the newest comes first: {titles[:1]}")
s, h, raw = d.request("GET", "/v1/feed.atom?province=" + q("không-có"))
check(s == 200 and ET.fromstring(raw).find(ATOM + "entry") is None, "an empty scope is a valid, empty feed")

# ---- /v1/changes: a portal syncs from empty ----


class Portal:
    """A portal's copy of a scope, kept by /v1/changes."""

    def __init__(self, scope=""):
        self.scope, self.records, self.cursor, self.calls = scope, {}, None, 0

    def sync(self, limit=7):
        seen = []
        while True:
            start = f"cursor={self.cursor}" if self.cursor else "since=1970-01-01T00:00:00Z"
            body = get(f"/v1/changes?{start}&limit={limit}{self.scope}")
            self.calls += 1
            changes = body.get("changes", [])
            check(len(changes) <= limit, f"at most limit changes: {len(changes)}")
            stamps = [c["changed"] for c in changes]
            check(stamps == sorted(stamps) and len(set(stamps)) == len(stamps), "changes come in order, once each")
            check(not self.cursor or all(c["changed"] > self.cursor for c in changes), "only changes after the cursor")
            for c in changes:
                seen.append((c["change"], c["id"]))
                if c["change"] == "upsert":
                    self.records[c["id"]] = c["record"]
                else:
                    self.records.pop(c["id"], None)
            check(body.get("cursor") and (not self.cursor or body["cursor"] >= self.cursor), "the cursor moves on")
            self.cursor = body.get("cursor")
            if not body.get("more"):
                return seen


portal = Portal()
first = portal.sync()
check(set(portal.records) == set(all_ids) and portal.calls > 2,
      f"a sync from empty holds the listing's set: {len(portal.records)} vs {len(all_ids)} in {portal.calls} calls")
check(all(c == "upsert" for c, _ in first), "a first sync only adds")
scoped_portal = Portal("&type=nghi-dinh")
scoped_portal.sync(limit=3)
check(set(scoped_portal.records) == {i["id"] for i in scoped["items"]}, "a scoped sync holds the scoped listing's set")
body = get(f"/v1/changes?cursor={portal.cursor}")
check(body.get("changes") == [] and body.get("more") is False and body.get("cursor") == portal.cursor,
      "nothing new: no changes, the same cursor")
since_now = get("/v1/changes?since=2100-01-01T00:00:00%2B07:00")
check(since_now.get("changes") == [], "since= in the future: nothing")
for target, param in [("/v1/changes", "since"), ("/v1/changes?since=yesterday", "since"),
                      ("/v1/changes?cursor=abc", "cursor"), ("/v1/changes?since=2020-01-01&cursor=x", "cursor"),
                      ("/v1/changes?since=2020-01-01&in=all", "in"), ("/v1/changes?since=2020-01-01&limit=501", "limit")]:
    s, h, body = d.get(target)
    check(s == 400 and body.get("parameter") == param, f"{target} → 400 naming {param}: {s} {body}")

# ---- an update with --prune: one document changed, one removed ----
removed_doc = os.path.join(corpus, "docs", "diepxuan_vanban", "182-2026-nd-cp-phu-cap-uu-dai-nha-giao")
for ext in (".json", ".txt"):
    os.remove(removed_doc + ext)
changed_txt = os.path.join(corpus, "docs", "congbao_chinhphu", "nghi-dinh-so-111-2022-nd-cp-38434.txt")
with open(changed_txt, encoding="utf-8") as f:
    text = f.read()
text = text.replace("Nghị định này quy định về thực hiện hợp đồng lao động",
                    "Nghị định này quy định chi tiết về thực hiện hợp đồng lao động", 1)
with open(changed_txt, "w", encoding="utf-8") as f:
    f.write(text)
before_111 = portal.records["111/2022/nđ-cp"]["changed"]
t.index(corpus, extra=("--prune",))
# the daemon picks up the new state within its reopen interval
new_ids, _ = listing_ids()
for _ in range(50):
    if set(new_ids) != set(all_ids):
        break
    import time
    time.sleep(0.1)
    new_ids, _ = listing_ids()
check("182/2026/nđ-cp" not in new_ids and "111/2022/nđ-cp" in new_ids, "the update is served")
update = portal.sync()
check(sorted(update) == sorted([("remove", "182/2026/nđ-cp"), ("upsert", "111/2022/nđ-cp")]),
      f"the update's changes are exactly the changed and the removed document: {update}")
check(set(portal.records) == set(new_ids), f"after the update the portal holds the listing's set: "
      f"{set(portal.records) ^ set(new_ids)}")
check(portal.records["111/2022/nđ-cp"]["changed"] > before_111, "the changed document carries a later stamp")
scoped_update = scoped_portal.sync(limit=3)
scoped_new = {i["id"] for i in get("/v1/listing?type=nghi-dinh&per_page=100")["items"]}
check(("remove", "182/2026/nđ-cp") in scoped_update and set(scoped_portal.records) == scoped_new,
      f"a scoped portal follows the removal too: {scoped_update}")
other = Portal("&province=ha-tinh")
other.sync()
check(set(other.records) == {"84/2025/qđ-ubnd@ha-tinh"}, f"a removal outside a scope is not that scope's: {other.records.keys()}")
fresh = Portal()
fresh.sync(limit=100)
check(set(fresh.records) == set(new_ids), "a sync from empty after the update holds the same set")

check(d.stop() == 0, f"the daemon stops cleanly: {d.stderr[-2000:]}")
t.cleanup()
done("portal")
