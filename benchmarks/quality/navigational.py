#!/usr/bin/env python3
"""The navigational benchmark: queries that name what they want.

The public types the name of a law far more often than a question: "Luật
Thanh niên", "luat bao hiem y te 2024", "Luật BHYT", "điều 12 luật trẻ em",
"NĐ 52/2015", "145 2020 nd cp", "đề mục thanh niên". This script writes such
queries from the data, each with the ids that may come first, and then runs
them through the runner (navigational.c, tc_search in-process), which prints
hit@1, hit@10 and MRR@10 per shape.

The queries are generated, not written by hand: from every law, code
(Bộ luật), ordinance (Pháp lệnh), decree (Nghị định) and circular (Thông tư,
Thông tư liên tịch) of the corpus (the pháp điển's source documents and the
Công báo documents, as `tracuu corpus export` gives them), with a fixed seed,
sorted input and up to --per-shape queries per shape. Shapes:

  name, name-unaccented            type + title: "Luật Thanh niên", "luat thanh nien"
  name-year, name-year-unaccented  the same with the year of issue
  initials                         "Luật BHYT", "BLDS", "blds" (titles of 2-6 syllables
                                   whose initials name one document only)
  article, article-unaccented      "Điều 12 Luật Trẻ em" (the year added when the
                                   name is shared and this is not the newest)
  number-spaces                    "145 2020 nd cp", "57 2020 qh14"
  number-type-word                 "nghi dinh 293 2025", "luật 45/2013", "thông tư 1 năm 2016"
  number-abbrev                    "NĐ 52/2015", "nd 52/2015", "TT 13/2026 BNV"
  number-compact                   "52/2015/nđ-cp", "52/2015/nd-cp", "52/2015/ndcp"
  demuc, demuc-unaccented          "đề mục thanh niên", "de muc thanh nien"

What may come first:
  - a document: every record of it (the pháp điển's `src/<number>` and the
    Công báo document with the same number are one document); a name shared
    by several documents without a year: the newest; with a year: that
    year's; a partial number ("NĐ 52/2015") shared by documents of that type
    from different issuers: any of them;
  - "Điều N" + name: the codified articles whose source note cites Điều N
    (or a part of it) of that document first, and the document's own
    Điều N (`<id>/dN`) when its text is indexed;
  - a đề mục: the đề mục's own record ("pd/demuc/<GUID>", format 8) or
    any of its codified articles.

  navigational.py --tracuu build/cli/tracuu --corpus ../shared/corpus/phapdien \\
      --corpus ../shared/corpus/congbao --out benchmarks/out/navigational-queries.jsonl
  build/benchmarks/quality/navigational --db INDEX benchmarks/out/navigational-queries.jsonl

With --db INDEX (and --runner, default build/benchmarks/quality/navigational)
it runs the queries too.
"""

import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

TYPE_NAMES = {
    "bo-luat": "Bộ luật",
    "luat": "Luật",
    "phap-lenh": "Pháp lệnh",
    "nghi-dinh": "Nghị định",
    "thong-tu": "Thông tư",
    "thong-tu-lien-tich": "Thông tư liên tịch",
}
TYPE_ABBREV = {"bo-luat": None, "luat": None, "phap-lenh": "PL", "nghi-dinh": "NĐ", "thong-tu": "TT",
               "thong-tu-lien-tich": "TTLT"}
NAMED = ("bo-luat", "luat", "phap-lenh")
NUMBER = re.compile(r"^0*(\d+[a-z]?)/(\d{4})/(.+)$", re.I)
DIEU = re.compile(r"Điều\s+(\d+[a-zđ]?)\b")


def strip_marks(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def fold(text):
    return " ".join(strip_marks(text).lower().split())


def number_key(number):
    """The key the ids use: lowercase, no spaces, the sequence without zeros."""
    n = "".join(number.split()).lower().replace("\u00f0", "đ")
    m = NUMBER.match(n)
    if m:
        return "%s/%s/%s" % (m.group(1), m.group(2), m.group(3))
    return n.lstrip("0")


def clean_title(type_slug, title):
    """The title without a repeated type word, capitals made sentence case."""
    t = " ".join((title or "").split())
    low = t.lower()
    for word in ("bộ luật ", "luật ", "pháp lệnh ", "nghị định ", "thông tư liên tịch ", "thông tư "):
        # "Bộ Luật lao động" → "lao động"; "Luật sư" stays (Luật Luật sư)
        if low.startswith(word) and TYPE_NAMES[type_slug].lower() + " " == word and len(t.split()) > len(word.split()) + 1:
            t = t[len(word):]
            break
    if t and t.upper() == t:
        t = t[0] + t[1:].lower()
    if type_slug not in NAMED and t:
        t = t[0].lower() + t[1:]
    return t.strip(" .;,")


def initials(words):
    out = ""
    for w in words:
        c = w[0]
        if c.isalpha():
            out += c.upper()
    return out


class Work:
    """One document, whatever records hold it (src/..., the Công báo text)."""

    def __init__(self, key):
        self.key = key
        self.ids = []
        self.type = None
        self.number = None
        self.title = None
        self.year = None
        self.articles = collections.defaultdict(set)  # "12" → ids

    def date_key(self):
        return (self.year or 0, self.key)


def load(lines):
    works = {}
    demuc = collections.defaultdict(lambda: {"names": set(), "ids": set()})
    cited = collections.defaultdict(lambda: collections.defaultdict(set))  # key → N → codified ids
    for line in lines:
        r = json.loads(line)
        kind = r["kind"]
        if kind == "codified":
            c = r["codified"]
            if c.get("demuc_name") and "loại bỏ" not in c["demuc_name"].lower():
                d = demuc[c.get("demuc_id")]
                d["names"].add(c["demuc_name"])
                d["ids"].add(r["id"])
                d["ids"].add("pd/demuc/" + c.get("demuc_id", ""))
            for s in c.get("sources", [])[:1]:
                m = DIEU.search(s.get("article") or "")
                if m and s.get("doc_number"):
                    cited[number_key(s["doc_number"])][m.group(1)].add(r["id"])
            continue
        if r.get("type") not in TYPE_NAMES or not r.get("doc_number"):
            continue
        key = r["id"][4:] if kind == "source-doc" else r["id"].split("@")[0]
        if key != number_key(r["doc_number"]) and kind == "source-doc":
            key = number_key(r["doc_number"])
        w = works.setdefault(key, Work(key))
        w.ids.append(r["id"])
        w.type = w.type or r["type"]
        w.number = w.number or r["doc_number"]
        title = clean_title(r["type"], r.get("title"))
        # the Công báo text's own title is the authority; a note's when it has none
        if title and (kind == "document" or not w.title):
            w.title = title
        year = (r.get("issue_date") or "")[:4]
        m = NUMBER.match(r["doc_number"])
        w.year = w.year or (int(year) if year else int(m.group(2)) if m else None)
        if kind == "document":
            for n in walk(r.get("body")):
                if n.get("kind") == "article" and n.get("number") and n.get("path"):
                    w.articles[n["number"]].add(n["path"])
    for key, by_n in cited.items():
        if key in works:
            for n, ids in by_n.items():
                works[key].articles[n] |= ids
    return works, demuc


def walk(node):
    if not node:
        return
    yield node
    for c in node.get("children", []):
        yield from walk(c)


def usable_title(t):
    return t and not any(ch.isdigit() for ch in t) and 1 <= len(t.split()) <= 30


def name_of(w):
    return "%s %s" % (TYPE_NAMES[w.type], w.title)


def generate(works, demuc, seed, per_shape):
    rnd = random.Random(seed)
    out = []

    def add(shape, query, expect, w=None, **extra):
        q = {"shape": shape, "query": query, "expect": sorted(expect)}
        if w:
            q.update({"type": w.type, "doc_number": w.number})
        q.update(extra)
        out.append(q)

    def sample(items, n):
        items = sorted(items, key=lambda w: w.key if isinstance(w, Work) else w)
        return rnd.sample(items, min(n, len(items)))

    named = [w for w in works.values() if usable_title(w.title)]
    by_name = collections.defaultdict(list)
    for w in named:
        by_name[fold(name_of(w))].append(w)

    def expect_name(w, with_year):
        group = by_name[fold(name_of(w))]
        if with_year:
            return [i for o in group if o.year == w.year for i in o.ids]
        newest = max(group, key=Work.date_key)
        return newest.ids if newest is w else None

    def stratified(pool, n):
        laws = [w for w in pool if w.type in NAMED]
        others = [w for w in pool if w.type not in NAMED]
        return sample(laws, n // 2) + sample(others, n - min(n // 2, len(laws)))

    for shape, with_year, unaccented in (("name", 0, 0), ("name-unaccented", 0, 1), ("name-year", 1, 0),
                                         ("name-year-unaccented", 1, 1)):
        pool = [w for w in named if expect_name(w, with_year)]
        for w in stratified(pool, per_shape):
            q = name_of(w) + (" %d" % w.year if with_year else "")
            add(shape, fold(q) if unaccented else q, expect_name(w, with_year), w)

    # initials: only those that name one document (or one name's newest)
    forms = collections.defaultdict(set)
    for w in named:
        words = w.title.split()
        if w.type not in NAMED or not 2 <= len(words) <= 6 or "sửa đổi" in w.title.lower():
            continue
        ini = initials(words)
        if w.type == "bo-luat":
            forms["BL" + ini].add(fold(name_of(w)))
        else:
            forms["%s %s" % (TYPE_NAMES[w.type], ini)].add(fold(name_of(w)))
    by_folded_form = collections.defaultdict(set)
    for form, names in forms.items():
        by_folded_form[fold(form)] |= names
    pool = [f for f in forms if len(by_folded_form[fold(f)]) == 1]
    for form in sample(pool, per_shape):
        (name,) = forms[form]
        w = max(by_name[name], key=Work.date_key)
        add("initials", form if rnd.random() < 0.5 else fold(form), w.ids, w)

    for shape, unaccented in (("article", 0), ("article-unaccented", 1)):
        pool = [w for w in named if w.type in NAMED and w.articles]
        for w in sample(pool, per_shape):
            n = rnd.choice(sorted(w.articles))
            newest = expect_name(w, 0) is not None
            q = "Điều %s %s" % (n, name_of(w))
            if not newest or rnd.random() < 0.25:
                q += " %d" % w.year
            add(shape, fold(q) if unaccented else q, w.articles[n], w, article=n)

    numbered = [w for w in works.values() if NUMBER.match(w.number.replace(" ", ""))]
    by_partial = collections.defaultdict(list)
    for w in numbered:
        m = NUMBER.match(w.number.replace(" ", ""))
        by_partial[(w.type, m.group(1), m.group(2))].append(w)

    def parts(w):
        m = NUMBER.match(w.number.replace(" ", ""))
        return m.group(1), m.group(2), m.group(3)

    for w in stratified(numbered, per_shape):
        seq, year, rest = parts(w)
        q = "%s %s %s" % (seq, year, " ".join(re.split(r"[-/]", rest)))
        add("number-spaces", fold(q), w.ids, w)
    for w in stratified(numbered, per_shape):
        seq, year, rest = parts(w)
        tn = TYPE_NAMES[w.type].lower()
        sep = rnd.choice(["/", " ", " năm "])
        q = "%s %s%s%s" % (tn, seq, sep, year)
        same = [i for o in by_partial[(w.type, seq, year)] for i in o.ids]
        add("number-type-word", fold(q) if rnd.random() < 0.5 else q, same, w)
    pool = [w for w in numbered if TYPE_ABBREV[w.type]]
    for w in sample(pool, per_shape):
        seq, year, rest = parts(w)
        ab = TYPE_ABBREV[w.type]
        issuer = rest.split("-", 1)[1] if "-" in rest else ""
        if issuer and rnd.random() < 0.3:
            q, expect = "%s %s/%s %s" % (ab, seq, year, issuer), w.ids
        else:
            q, expect = "%s %s/%s" % (ab, seq, year), [i for o in by_partial[(w.type, seq, year)] for i in o.ids]
        add("number-abbrev", fold(q) if rnd.random() < 0.5 else q, expect, w)
    for w in stratified(numbered, per_shape):
        seq, year, rest = parts(w)
        full = "%s/%s/%s" % (seq if rnd.random() < 0.5 else w.number.split("/")[0].strip(), year, rest.lower())
        choice = rnd.randrange(3)
        q = full if choice == 0 else fold(full) if choice == 1 else fold(full).replace("-", "", 1)
        add("number-compact", q, w.ids, w)

    by_demuc_name = collections.defaultdict(set)
    for d in demuc.values():
        for name in d["names"]:
            by_demuc_name[name] |= d["ids"]
    for shape, unaccented in (("demuc", 0), ("demuc-unaccented", 1)):
        for name in sample(list(by_demuc_name), per_shape):
            q = "đề mục " + name[0].lower() + name[1:]
            add(shape, fold(q) if unaccented else q, by_demuc_name[name])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracuu", default="build/cli/tracuu", help="the tracuu binary that exports the corpus")
    ap.add_argument("--corpus", action="append", help="a corpus path (repeat); default ../shared/corpus/{phapdien,congbao}")
    ap.add_argument("--jsonl", help="read this export instead of running `tracuu corpus export`")
    ap.add_argument("--out", default="benchmarks/out/navigational-queries.jsonl")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--per-shape", type=int, default=100)
    ap.add_argument("--db", help="also run the queries on this index")
    ap.add_argument("--runner", default="build/benchmarks/quality/navigational")
    ap.add_argument("--json", help="the runner's report (with --db)")
    args = ap.parse_args()
    if args.jsonl:
        works, demuc = load(open(args.jsonl, encoding="utf-8"))
    else:
        paths = args.corpus or ["../shared/corpus/phapdien", "../shared/corpus/congbao"]
        proc = subprocess.Popen([args.tracuu, "corpus", "export", *paths], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        works, demuc = load(proc.stdout)
        if proc.wait() != 0:
            sys.exit("%s corpus export failed" % args.tracuu)
    queries = generate(works, demuc, args.seed, args.per_shape)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    counts = collections.Counter(q["shape"] for q in queries)
    print("%d documents, %d đề mục; %d queries written to %s (%s)" % (
        len(works), len(demuc), len(queries), args.out, ", ".join("%s %d" % kv for kv in counts.items())),
        file=sys.stderr)
    if args.db:
        report = args.json or os.path.splitext(args.out)[0] + "-report.json"
        rc = subprocess.run([args.runner, "--db", args.db, args.out, "--json", report]).returncode
        if rc == 0:
            by_group(report)
        sys.exit(rc)


def by_group(report):
    """The same figures by shape family and kind of document (laws, codes and
    ordinances; decrees and circulars; đề mục)."""
    cells = collections.defaultdict(lambda: [0, 0, 0.0])
    for q in json.load(open(report, encoding="utf-8"))["queries"]:
        group = ("laws" if q.get("type") in NAMED else "decrees, circulars") if q.get("type") else "đề mục"
        cell = cells[(q["shape"].split("-")[0], group)]
        cell[0] += 1
        cell[1] += q["rank"] == 1
        cell[2] += 1.0 / q["rank"] if q["rank"] else 0
    print("\n| shape family | documents | queries | hit@1 | MRR@10 |\n|---|---|---|---|---|")
    for (family, group), (n, hit1, rr) in sorted(cells.items()):
        print("| %s | %s | %d | %.3f | %.3f |" % (family, group, n, hit1 / n, rr / n))


if __name__ == "__main__":
    main()
