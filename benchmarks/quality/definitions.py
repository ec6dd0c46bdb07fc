#!/usr/bin/env python3
"""Definition lookups in the codification: "X là gì?" should find the
article that defines X.

Every codified "Giải thích từ ngữ" article lists terms and their meaning
("4. Nhãn phụ là nhãn thể hiện ..."). For each defined term, this runs the
question a reader types, "<term> là gì?", against the codified articles and
looks for an article that defines the term (the same term can be defined in
several documents: any of them counts). It prints hit@1, hit@10 and MRR@10
for each system given, on the same terms, so two builds can be compared on
one index of the same data:

  definitions.py --system before=OLD/tracuu:OLD_INDEX --system after=NEW/tracuu:NEW_INDEX

The terms come from the first system's index. --sample N draws N terms
(fixed seed) instead of all; --unaccented strips the questions' diacritics.
"""

import argparse
import json
import random
import re
import subprocess
import sys
import unicodedata

TERM = re.compile(r"^\d+[a-zđ]?\.\s*(.+?)\s+(?:là|được hiểu là)\s", re.M)
PUNCT = re.compile(r"[,;:().\"]")


def search(binary, db, query, limit, *options):
    cmd = [binary, "search", query, "--db", db, "--in", "codified", "--limit", str(limit), "--json", *options]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("%s: %s" % (" ".join(cmd), out.stderr.strip()))
    return json.loads(out.stdout)


def defined_terms(binary, db):
    """{term (lowercase): set of ids of the articles that define it}"""
    every = search(binary, db, '"giải thích từ ngữ"', 1, "--facets")
    topics = sorted(every["facets"]["topic"], key=int)
    terms = {}
    seen = 0
    for topic in topics:
        hits = search(binary, db, '"giải thích từ ngữ" chude:%s' % topic, 1000, "--text")["hits"]
        for h in hits:
            if not h.get("title", "").lower().startswith("giải thích từ ngữ"):
                continue
            seen += 1
            for m in TERM.finditer(h.get("text", "")):
                term = m.group(1).replace("“", "").replace("”", "").strip()
                if PUNCT.search(term) or len(term.split()) > 12 or len(term.split()) < 2:
                    continue
                terms.setdefault(term.lower(), set()).add(h["id"])
    print("%d articles match \"giải thích từ ngữ\"; %d are definition articles; %d distinct terms"
          % (every["total"], seen, len(terms)))
    return terms


def strip_marks(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not 0x300 <= ord(c) <= 0x36F)
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", action="append", required=True, help="NAME=BINARY:INDEX")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--unaccented", action="store_true")
    ap.add_argument("--misses", type=int, default=0, help="print up to N questions each system misses at rank 1")
    args = ap.parse_args()
    systems = []
    for spec in args.system:
        name, _, rest = spec.partition("=")
        binary, _, db = rest.partition(":")
        if not (name and binary and db):
            sys.exit("--system wants NAME=BINARY:INDEX, not %r" % spec)
        systems.append((name, binary, db))
    terms = defined_terms(systems[0][1], systems[0][2])
    keys = sorted(terms)
    if args.sample and args.sample < len(keys):
        keys = sorted(random.Random(1).sample(keys, args.sample))
    print("%d questions \"<term> là gì?\"%s, codified articles\n" % (len(keys), " (unaccented)" if args.unaccented else ""))
    missed = []
    print("| system | hit@1 | hit@10 | MRR@10 |")
    print("|---|---|---|---|")
    for name, binary, db in systems:
        hit1 = hit10 = rr = 0.0
        misses = []
        for term in keys:
            q = term[0].upper() + term[1:] + " là gì?"
            if args.unaccented:
                q = strip_marks(q)
            hits = search(binary, db, q, 10)["hits"]
            rank = next((i + 1 for i, h in enumerate(hits) if h["id"] in terms[term]), 0)
            hit1 += rank == 1
            hit10 += rank > 0
            rr += 1.0 / rank if rank else 0
            if rank != 1 and len(misses) < args.misses:
                first = hits[0] if hits else {}
                misses.append("  %s: rank %s; first %s %s (%s)" % (
                    q, rank or ">10", first.get("codified", {}).get("article_number", "-"), first.get("title", ""),
                    first.get("snippet", "")[:90]))
        n = len(keys) or 1
        print("| %s | %.3f | %.3f | %.3f |" % (name, hit1 / n, hit10 / n, rr / n))
        if misses:
            missed.append("\n%s, not first:\n%s" % (name, "\n".join(misses)))
    for block in missed:
        print(block)


if __name__ == "__main__":
    main()
