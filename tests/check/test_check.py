#!/usr/bin/env python3
"""`tracuu check` on the bundled sample: each verdict kind on real citations
(the sample's Công báo documents and pháp điển đề mục: Luật Thanh niên,
Luật Thương mại, Luật Sử dụng năng lượng tiết kiệm), overlaps with their
passages and number differences, the date and scope options, and bad drafts
(empty, over 1 MB, binary, 5,000 citations)."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from tctest import Tracuu, check, done, sample_corpus  # noqa: E402

t = Tracuu(sys.argv[1])
sample = sample_corpus()
t.index(os.path.join(sample, "phapdien"), os.path.join(sample, "congbao"))


def draft_file(text, suffix=".txt"):
    fd, path = tempfile.mkstemp(suffix=suffix, dir=t.tmp)
    with os.fdopen(fd, "wb") as f:
        f.write(text.encode() if isinstance(text, str) else text)
    return path


def run_check(text, *options, status=0):
    proc = t.run("check", "--json", "--db", t.db, *options, draft_file(text), check_status=False)
    check(proc.returncode == status, f"tracuu check exits {status}: {proc.returncode} {proc.stderr[-500:]}")
    return json.loads(proc.stdout) if proc.returncode == 0 else proc


def citations(report):
    return [c for a in report["articles"] for c in a["citations"]]


def one(report, text):
    """The citation whose text starts with TEXT."""
    found = [c for c in citations(report) if c["text"].startswith(text)]
    check(len(found) >= 1, f"a citation '{text}' is recognized: {[c['text'] for c in citations(report)]}")
    return found[0] if found else {"verdict": None, "findings": [], "resolved": {}}


def details(c):
    return " | ".join(f["detail"] for f in c.get("findings", []))


# ---- every verdict kind
draft = """NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Thanh niên

Căn cứ Luật Thanh niên ngày 16 tháng 6 năm 2020;
Căn cứ Nghị định số 111/2022/NĐ-CP ngày 01 tháng 01 năm 2022 của Chính phủ về thuế thu nhập doanh nghiệp;

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết khoản 2 Điều 22 Luật Thanh niên và Điều 3 Nghị định số 17/2021/NĐ-CP.

Điều 2. Hợp đồng
1. Việc ký hợp đồng thực hiện theo khoản 2 Điều 2 Nghị định số 111/2022/NĐ-CP.
2. Trường hợp tại khoản 99 Điều 2 Nghị định số 111/2022/NĐ-CP và Điều 999 Nghị định số 111/2022/NĐ-CP.
3. Theo Điều 9 Nghị định số 99/2099/NĐ-CP và Nghị định số 68/2000/NĐ-CP.
4. Hồ sơ quy định tại khoản 1 Điều này; trường hợp tại khoản 7 Điều này và khoản 2 Điều 1 của Nghị định này.
5. Xuất khẩu theo Điều 31 Luật số 36/2005/QH11 và Điều 28 Luật Thương mại; tiết kiệm năng lượng theo Điều 3 Luật số 50/2010/QH12.
6. Chính sách theo Điều 90 Luật Thanh niên.
"""
r = run_check(draft, "--date", "2026-06-01", "--no-overlaps")
check(r["date"] == "2026-06-01" and r["summary"]["citations"] == len(citations(r)), f"the summary counts them: {r['summary']}")

c = one(r, "khoản 2 Điều 2 Nghị định số 111/2022/NĐ-CP")
check(c["verdict"] == "found" and c["resolved"]["entry"]["id"] == "111/2022/nđ-cp/d2/k2"
      and c["resolved"]["entry"]["text"].startswith("2."), f"found, with the text cited: {c}")

c = one(r, "khoản 2 Điều 22 Luật Thanh niên")
check(c["verdict"] == "found" and c["resolved"]["document"]["doc_number"] == "57/2020/QH14"
      and "/k2" in c["resolved"]["entry"]["id"] and "pháp điển" in details(c),
      f"a law named without its number, its article through the codification: {c}")

c = one(r, "khoản 99 Điều 2")
check(c["verdict"] == "no-provision" and "no khoản 99" in details(c), f"no such khoản: {c}")
c = one(r, "Điều 999")
check(c["verdict"] == "no-provision" and "no Điều 999" in details(c), f"no such article: {c}")
c = one(r, "Điều 9 Nghị định số 99/2099/NĐ-CP")
check(c["verdict"] == "no-document" and "99/2099/NĐ-CP" in details(c), f"no such document: {c}")
c = one(r, "Nghị định số 68/2000/NĐ-CP")
check(c["verdict"] == "no-document" and "111/2022/NĐ-CP" in details(c) and "no longer in force" in details(c),
      f"a document the index lacks, named as replaced by one it has: {c}")

c = one(r, "khoản 1 Điều này")
check(c["verdict"] == "found" and c["resolved"]["in"] == "draft" and c["resolved"]["text"].startswith("1."),
      f"an internal citation found in the draft: {c}")
c = one(r, "khoản 7 Điều này")
check(c["verdict"] == "no-provision" and "no khoản 7" in details(c), f"an internal citation the draft lacks: {c}")
c = one(r, "khoản 2 Điều 1 của Nghị định này")
check(c["verdict"] == "no-provision" and c["scope"] == "internal", f"Điều 1 of the draft has no khoản 2: {c}")

c = one(r, "Điều 31 Luật số 36/2005/QH11")
check(c["verdict"] == "repealed" and "05/2017/QH14" in details(c), f"repealed, by what: {c}")
c = one(r, "Điều 28 Luật Thương mại")
check(c["verdict"] == "amended" and "parts of" in details(c) and "05/2017/QH14" in details(c),
      f"partly repealed: {c}")
c = one(r, "Điều 3 Luật số 50/2010/QH12")
check(c["verdict"] == "amended" and "77/2025/QH15" in details(c) and "7.7.LQ.3" in details(c),
      f"amended, naming the amendment and the text in force: {c}")

c = one(r, "Nghị định số 111/2022/NĐ-CP ngày 01 tháng 01 năm 2022")
check(c["verdict"] == "mismatch" and "2022-12-30" in details(c) and "title" in details(c),
      f"the date and title written differ: {c}")

c = one(r, "Điều 90 Luật Thanh niên")
check(c["verdict"] == "unverified" and "not in the index" in details(c),
      f"a document known from the notes only, its article not codified: {c}")

# the date: a document not yet in force, an amendment not yet in force
r2 = run_check("Điều 1. Thử\nTheo khoản 2 Điều 2 Nghị định số 111/2022/NĐ-CP và Điều 3 Luật số 50/2010/QH12.\n",
               "--date", "2021-01-01", "--no-overlaps")
c = one(r2, "khoản 2 Điều 2")
check(c["verdict"] == "not-in-force" and "2023-02-22" in details(c), f"not yet in force on the date: {c}")
c = one(r2, "Điều 3 Luật số 50/2010/QH12")
check(c["verdict"] == "found", f"an amendment that takes effect later is not reported: {c}")

# ambiguity: a number without its year names several documents
r3 = run_check("Điều 1. Thử\nTheo Nghị định 111/2022 và Thông tư 02/2026.\n", "--no-overlaps")
check(all(c["verdict"] in ("found", "ambiguous") for c in citations(r3)) and citations(r3),
      f"partial numbers resolve: {[(c['text'], c['verdict']) for c in citations(r3)]}")

# an amending decree: bare citations name what it amends
amending = """NGHỊ ĐỊNH
Sửa đổi, bổ sung một số điều của Nghị định số 111/2022/NĐ-CP

Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 111/2022/NĐ-CP
1. Sửa đổi, bổ sung khoản 2 Điều 2 như sau:
“2. Các cơ quan quy định tại khoản 1 Điều này.”
2. Bãi bỏ khoản 9 Điều 2.
"""
r4 = run_check(amending, "--no-overlaps")
c = one(r4, "khoản 2 Điều 2")
check(c["scope"] == "context" and c["verdict"] == "found" and c["resolved"]["entry"]["id"] == "111/2022/nđ-cp/d2/k2",
      f"a bare citation of an amending article names the amended document: {c}")
c = one(r4, "khoản 1 Điều này")
check(c["scope"] == "context" and c.get("quoted") and c["resolved"]["entry"]["id"] == "111/2022/nđ-cp/d2/k1",
      f"'Điều này' in the new text names the article amended: {c}")
c = one(r4, "khoản 9 Điều 2")
check(c["verdict"] == "no-provision", f"the amended document has no khoản 9: {c}")

# ---- overlaps
youth = """Điều 1. Thanh niên
Thanh niên là công dân Việt Nam từ đủ 18 tuổi đến 30 tuổi.
"""
r = run_check(youth, "--no-citations", "--date", "2026-01-01")
overlaps = r["articles"][0]["overlaps"]
first = overlaps[0] if overlaps else {}
check(first.get("article_number") == "36.3.LQ.1" and first.get("kind") == "codified",
      f"the codified article that says the same comes first: {[o.get('article_number') for o in overlaps]}")
diffs = first.get("number_differences", [])
check(len(diffs) == 1 and diffs[0]["kind"] == "age" and diffs[0]["draft"]["text"] == "18 tuổi"
      and diffs[0]["other"]["text"] == "16 tuổi", f"the age that differs is pointed out: {diffs}")
text = r["articles"][0]["text"]
p = first.get("passages", [{}])[0]
check(p and p["draft_text"] == text.encode()[p["draft"][0]:p["draft"][1]].decode()
      and "18 tuổi" in p["draft_text"] and first["similarity"] > 0.5,
      f"the passage is marked on the draft by byte offsets: {p}")
check(r["summary"]["overlaps"] >= 1 and r["summary"]["number_differences"] >= 1, f"summary: {r['summary']}")

# the date: the law takes effect on 2021-01-01; before, its codified articles are not in force
r = run_check(youth, "--no-citations", "--date", "2020-06-01", "--in", "codified")
check(not any(o.get("article_number") == "36.3.LQ.1" for o in r["articles"][0].get("overlaps", [])),
      "a codified article whose source is not yet in force is no overlap on that date")

# provisions: a sentence of an indexed decree
decree = t.get("111/2022/nđ-cp/d2")
r = run_check("Điều 1. Đối tượng\n" + decree["text"] + "\n", "--no-citations", "--in", "provisions")
ids = [o["id"] for o in r["articles"][0].get("overlaps", [])]
check(ids and ids[0] == "111/2022/nđ-cp/d2" and r["in"] == "provisions",
      f"a provision in force that says the same comes first: {ids}")
# the draft itself, when it is in the index, is not its own overlap
own = ("CHÍNH PHỦ\nSố: 111/2022/NĐ-CP\n\nNGHỊ ĐỊNH\nVề hợp đồng đối với một số loại công việc\n\n"
       "Căn cứ Luật Tổ chức Chính phủ;\n\nĐiều 2. Đối tượng áp dụng\n" + decree["text"] + "\n")
r = run_check(own, "--no-citations", "--in", "provisions")
check(r["draft"]["doc_number"] == "111/2022/NĐ-CP" and r["articles"][-1]["number"] == "2"
      and not any(o["id"].startswith("111/2022/nđ-cp/") for o in r["articles"][-1].get("overlaps", [])),
      "the draft's own provisions are not overlaps")

# boilerplate is no overlap
r = run_check("Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết một số điều của Luật Thanh niên.\n",
              "--no-citations")
check(all(o["similarity"] < 0.5 for o in r["articles"][0].get("overlaps", [])),
      f"boilerplate is no overlap: {[(o['id'], o['similarity']) for o in r['articles'][0].get('overlaps', [])]}")

# the readable report
proc = t.run("check", "--db", t.db, "--date", "2026-01-01", draft_file(youth))
check("36.3.LQ.1" in proc.stdout and "age differs" in proc.stdout and "18 tuổi" in proc.stdout,
      f"the readable report: {proc.stdout[:1500]}")

# ---- JSONL and stdin
record = {"kind": "document", "id": "du-thao", "title": "Dự thảo",
          "body": {"kind": "root", "children": [{"kind": "article", "number": "1", "heading": "Hợp đồng",
                                                  "text": "Theo khoản 2 Điều 2 Nghị định số 111/2022/NĐ-CP."}]}}
r = run_check(json.dumps(record, ensure_ascii=False) + "\n", "--no-overlaps")
check(r["draft"]["format"] == "jsonl" and one(r, "khoản 2 Điều 2")["verdict"] == "found", f"a JSONL draft: {r['draft']}")
import subprocess  # noqa: E402
proc = subprocess.run([t.binary, "check", "--json", "--no-overlaps", "--db", t.db, "-"], input=youth.encode(),
                      capture_output=True)
check(proc.returncode == 0 and json.loads(proc.stdout)["draft"]["article_count"] == 1, f"stdin: {proc.stderr[-300:]}")

# ---- bad drafts
proc = run_check("", status=2)
check("empty" in proc.stderr, f"an empty draft: {proc.stderr}")
proc = run_check("a" * (1024 * 1024 + 1), status=2)
check("1 MB" in proc.stderr, f"a draft over 1 MB: {proc.stderr}")
proc = run_check(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(range(256)) * 40, status=2)
check("not text" in proc.stderr, f"binary bytes: {proc.stderr}")
proc = run_check("x", "--in", "docs", status=2)
check("--in" in proc.stderr, f"--in docs is refused: {proc.stderr}")
proc = run_check("x", "--date", "2026-02-30", status=2)
check("--date" in proc.stderr, f"a date that is no day: {proc.stderr}")
# a megabyte of text: read and checked
big = "Điều 1. Thử\n" + ("Thanh niên là công dân Việt Nam từ đủ 16 tuổi đến 30 tuổi. " * 15000).encode()[
    :1024 * 1024 - 100].decode("utf-8", "ignore") + "\n"
r = run_check(big, "--no-citations")
check(r["summary"]["articles"] == 1, "a draft of 1 MB is checked")
# 5,100 citations: the first 5,000 judged, the rest listed as not checked
many = "Điều 1. Thử\n" + "".join(f"Theo khoản 2 Điều {1 + i % 15} Nghị định số 111/2022/NĐ-CP; " for i in range(5100)) + "\n"
r = run_check(many, "--no-overlaps")
check(r["summary"]["citations"] == 5100 and r["summary"]["verdicts"].get("not-checked") == 100,
      f"5,100 citations: {r['summary']}")

t.cleanup()
done("check")
