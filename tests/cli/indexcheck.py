"""indexcheck.py - what the crash and disk-full tests check of an index left by
an interrupted `tracuu index`: it verifies, its ids are a consistent committed
set, its searches print no blank hit, and once completed it equals a fresh
index."""
import json
import os
import re
import shutil
import subprocess

# A few searches whose results (ids, order, totals) two equal indexes share:
# words, a phrase, a document number, a citation, a definition question, a
# filter, in every database.
SEARCHES = [
    ("thanh niên", None),
    ('"hợp đồng lao động"', None),
    ("111/2022/NĐ-CP", None),
    ("Điều 3 Luật Thanh niên", "codified"),
    ("Thanh niên là gì?", "codified"),
]

# A clause or point entry and its article: provisions ".../d5/k2[/a]",
# codified "pd/36.3.LQ.1/k2[/a]" (or an export key "pd/GUID/ANCHOR/k2[/a]").
PART = {
    "provisions": re.compile(r"^(.*/d[^/]+)/k[^/]+(?:/[^/]+)?$"),
    "codified": re.compile(r"^(pd/[^/]+(?:/[^/]+)??)/k[^/]+(?:/[^/]+)?$"),
}


def run(binary, *args, timeout=600):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=timeout)


def ids(binary, db):
    """{"ids": [every id of DB]}, or None when they cannot be listed."""
    proc = run(binary, "ids", "--db", db)
    if proc.returncode != 0:
        return None
    return {"ids": proc.stdout.split("\n")[:-1]}


def orphans(listing):
    """The clause and point entries whose article is not listed."""
    bad = []
    present = set(listing["ids"])
    for ident in listing["ids"]:
        for kind, pattern in PART.items():
            m = pattern.match(ident)
            if m and m.group(1) not in present:
                bad.append(f"{kind} {ident} (article {m.group(1)})")
    return bad


def search(binary, db, query, target):
    args = ["search", "--json", "--db", db, "--limit", "20"]
    if target:
        args += ["--in", target]
    proc = run(binary, *args, "--", query)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    return json.loads(proc.stdout), None


def blank_hits(binary, db):
    """What is wrong with the hits of a search as `tracuu search` prints them:
    a blank hit ("1. [] "), a hit line without an id, or a failure."""
    proc = run(binary, "search", "--db", db, "--limit", "20", "--", SEARCHES[0][0])
    if proc.returncode != 0:
        return [f"search {SEARCHES[0][0]!r} fails: {proc.stderr.strip()[-300:]}"]
    bad = []
    for line in proc.stdout.splitlines():
        m = re.match(r"^\d+\. \[([^]]*)\] ?(\S*)", line)  # a hit, not its indented snippet
        if m and not (m.group(1) and m.group(2)):
            bad.append(f"search {SEARCHES[0][0]!r} prints a blank hit: {line!r}")
    return bad


def results(binary, db):
    """The searches' results: total and the hits' ids in order, hits of equal
    score as a set (their order follows docids, which differ between an index
    built in one run and one completed over several)."""
    out = {}
    for query, target in SEARCHES:
        res, err = search(binary, db, query, target)
        if res is None:
            out[query] = f"failed: {err}"
            continue
        groups, last = [], None
        for h in res["hits"]:
            if last is None or h["score"] != last:
                groups.append(set())
                last = h["score"]
            groups[-1].add(h.get("id") or f"(a blank hit: {h})")
        out[query] = {"total": res["total"], "hits": [sorted(g) for g in groups]}
    return out


def verify(binary, db):
    """(ok, output) of `tracuu verify`."""
    proc = run(binary, "verify", "--db", db)
    return proc.returncode == 0 and "no problem" in proc.stdout, (proc.stdout + proc.stderr).strip()


def differences(a, b, what_a, what_b):
    """What differs between two {name: value} snapshots, briefly."""
    out = []
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        if isinstance(x, list) and isinstance(y, list):
            only_a = sorted(set(x) - set(y))
            only_b = sorted(set(y) - set(x))
            out.append(f"{key}: {len(x)} vs {len(y)}; only in {what_a}: {only_a[:3]}; only in {what_b}: {only_b[:3]}")
        else:
            out.append(f"{key}: {what_a} {json.dumps(x, ensure_ascii=False)[:300]} vs "
                       f"{what_b} {json.dumps(y, ensure_ascii=False)[:300]}")
    return out


def copy_tree(src, dst):
    shutil.copytree(src, dst, symlinks=True)


def sample_copy(sample, dst):
    """The bundled sample's pháp điển and Công báo, copied under DST (so that
    an update can modify them in place and keep their paths)."""
    for part in ("phapdien", "congbao"):
        copy_tree(os.path.join(sample, part), os.path.join(dst, part))
    return [os.path.join(dst, "phapdien"), os.path.join(dst, "congbao")]


def modify_sample(sources):
    """Change the copied sample so that re-indexing it with --prune adds,
    changes and removes: the Kiến trúc đề mục (43.1) leaves demuc.tsv (its
    425 codified entries are removed), Điều 36.3.LQ.2 of Thanh niên
    gets new words (changed), and a copy of Nghị định 111/2022/NĐ-CP numbered
    911/2022/NĐ-CP joins the Công báo (added). Returns the new words."""
    phapdien, congbao = sources
    dropped = "295ceaf7-684c-42a9-9f57-c60ff5581bcc"
    tsv = os.path.join(phapdien, "demuc.tsv")
    with open(tsv, encoding="utf-8") as f:
        rows = f.readlines()
    with open(tsv, "w", encoding="utf-8") as f:
        f.writelines(r for r in rows if dropped not in r)
    os.remove(os.path.join(phapdien, "demuc", dropped + ".html.zst"))
    edited = os.path.join(phapdien, "demuc", "012d9b93-c11d-48b6-b08e-14d77515ca1e.html")
    html = subprocess.run(["zstd", "-dc", edited + ".zst"], capture_output=True, check=True).stdout
    old = "Luật này quy định về quyền, nghĩa vụ".encode()
    words = "bổn phận công dân trẻ"
    assert html.count(old) == 1
    with open(edited, "wb") as f:
        f.write(html.replace(old, f"Luật này quy định về {words}, quyền, nghĩa vụ".encode()))
    os.remove(edited + ".zst")
    docs = os.path.join(congbao, "docs", "congbao_chinhphu")
    with open(os.path.join(docs, "nghi-dinh-so-111-2022-nd-cp-38434.txt"), encoding="utf-8") as f:
        text = f.read()
    assert "Số: 111/2022/NĐ-CP" in text
    with open(os.path.join(docs, "nghi-dinh-so-911-2022-nd-cp-38434.txt"), "w", encoding="utf-8") as f:
        f.write(text.replace("Số: 111/2022/NĐ-CP", "Số: 911/2022/NĐ-CP", 1))
    return words
