#!/usr/bin/env bash
# benchmarks/http/run.sh - tracuu serve under wrk on loopback with the full
# index (pháp điển + Công báo), a mix of query shapes, at 1, 8 and 32
# connections: queries/s, p50, p99, errors, the daemon's peak RSS; and, in
# the same run, the same requests in process on one thread (bench_api).
# Not a test: run it by hand on a quiet machine. Figures go to
# benchmarks/out/http-*.json and the table to stdout.
#   bash benchmarks/http/run.sh [SECONDS per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
threads=${TRACUU_BENCH_THREADS:-2}
port=${TRACUU_BENCH_PORT:-18090}
db=${TRACUU_BENCH_DB:-benchmarks/out/http-index}
corpus=${TRACUU_SHARED_CORPUS:-../shared/corpus}
mkdir -p benchmarks/out

[ -f build/build.ninja ] || meson setup build -Dbuildtype=release >/dev/null
ninja -C build cli/tracuu benchmarks/http/bench_api >/dev/null
tracuu=build/cli/tracuu
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f "$db/manifest.json" ]; then
  echo "indexing the full corpus into $db (about 6 minutes)" >&2
  "$tracuu" index "$corpus/phapdien" "$corpus/congbao" --db "$db" >&2
fi

# The request mix: every shape the public, portals and drafters send.
requests=benchmarks/out/http-requests.tsv
"$tracuu" ids --db "$db" > benchmarks/out/http-ids.txt
python3 - "$requests" benchmarks/out/http-ids.txt <<'PY'
import random, sys
from urllib.parse import quote
out, ids_file = sys.argv[1], sys.argv[2]
ids = [l.strip() for l in open(ids_file, encoding="utf-8") if l.strip()]
random.seed(17)
docs = [i for i in ids if "/d" not in i and not i.startswith("pd/") and not i.startswith("src/")]
provisions = [i for i in ids if "/d" in i and "/k" not in i and not i.startswith("pd/")]
codified = [i for i in ids if i.startswith("pd/") and "/k" not in i]
rows = []
def add(shape, path, **params):
    rows.append((shape, path + ("?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items()) if params else "")))
for q in ["quyền sử dụng đất", "thanh niên", "hợp đồng lao động", "thue thu nhap ca nhan", "xử phạt vi phạm hành chính",
          "bảo hiểm xã hội", "đăng ký doanh nghiệp", "an toàn thực phẩm"]:
    add("words", "/v1/search", q=q)
for q in ['"hợp đồng lao động"', '"quyền sử dụng đất"', '"thanh niên xung phong"']:
    add("phrase", "/v1/search", q=q)
for q in ["52/2015/NĐ-CP", "nd 43/2017", "Luật 57/2020/QH14"]:
    add("number", "/v1/search", q=q)
for q in ["khoản 2 Điều 5 Nghị định 52/2015/NĐ-CP", "Điều 3 Luật Thanh niên", "điểm a khoản 1 Điều 8 Luật Đất đai"]:
    add("citation", "/v1/search", q=q)
for q in ["Người lao động nghỉ việc thì có được hưởng trợ cấp thôi việc không và mức hưởng được tính như thế nào",
          "Nhãn phụ là gì?", "Thanh niên là gì?",
          "Doanh nghiệp chậm đóng bảo hiểm xã hội cho người lao động thì bị xử phạt bao nhiêu tiền"]:
    add("question", "/v1/search", q=q)
add("listing", "/v1/search", type="nghi-dinh", **{"in": "docs"}, sort="newest")
add("listing", "/v1/search", issuer="chinh-phu", year="2020..2024", **{"in": "docs"})
add("listing", "/v1/search", topic="36", **{"in": "codified"}, per_page="20")
add("listing", "/v1/codification/36/36.3")
for i in random.sample(docs, min(3, len(docs))) + random.sample(provisions, min(3, len(provisions))) + \
        random.sample(codified, min(3, len(codified))):
    rows.append(("document", "/v1/documents/" + quote(i, safe="/")))
for n in ["52/2015/NĐ-CP", "nd 43/2017"]:
    add("lookup", "/v1/lookup", number=n)
for s in ["thanh n", "luat dat", "quyền sử d", "52/20", "bảo hiểm x", "hop dong lao"]:
    add("suggest", "/v1/suggest", q=s)
with open(out, "w", encoding="utf-8") as f:
    for shape, target in rows:
        f.write(f"{shape}\t{target}\n")
PY

# The same requests in process first (the daemon is not running yet)
inproc=$(build/benchmarks/http/bench_api "$db" "$requests" "$seconds")

"$tracuu" serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" --access-log - > benchmarks/out/http-serve.out &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q listening benchmarks/out/http-serve.out 2>/dev/null && break; sleep 0.1; done
# every request of the mix answers 200 (a mix with errors measures nothing)
while IFS=$'\t' read -r shape target; do
  code=$(python3 -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$port); c.request('GET',sys.argv[1]); print(c.getresponse().status)" "$target")
  [ "$code" = 200 ] || echo "warning: $code for $shape $target" >&2
done < "$requests"

results="{\"threads\": $threads, \"seconds\": $seconds, \"in_process\": $inproc, \"http\": ["
first=1
for c in 1 8 32; do
  t=$(( c < 2 ? 1 : 2 ))
  out=$(TRACUU_REQUESTS=$requests wrk -t$t -c$c -d${seconds}s --latency -s benchmarks/http/mix.lua "http://127.0.0.1:$port")
  echo "$out" > benchmarks/out/http-wrk-$c.txt
  qps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  sockerr=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
  [ $first = 1 ] || results="$results, "
  first=0
  results="$results{\"connections\": $c, \"qps\": ${qps:-0}, \"p50\": \"$p50\", \"p99\": \"$p99\", \"non2xx\": ${non2xx:-0}, \"socket_errors\": ${sockerr:-0}}"
done
rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid || true
trap - EXIT
results="$results], \"peak_rss_kb\": $rss}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "$results" > benchmarks/out/http-$stamp.json
python3 - benchmarks/out/http-$stamp.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ip = r["in_process"]
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
print(f"| run | queries/s | p50 ms | p99 ms | errors |")
print(f"|---|---|---|---|---|")
print(f"| in process, 1 thread | {ip['qps']:.0f} | {ip['p50_ms']:.2f} | {ip['p99_ms']:.2f} | {ip['errors']} |")
for h in r["http"]:
    print(f"| HTTP, {r['threads']} threads, {h['connections']} conn. | {h['qps']:.0f} | {ms(h['p50']):.2f} | {ms(h['p99']):.2f} | {h['non2xx'] + h['socket_errors']} |")
h8 = [h for h in r["http"] if h["connections"] == 8][0]
print(f"\nat 8 connections: {h8['qps'] / ip['qps']:.2f}x the in-process rate (target >= 1.6); "
      f"p99 {ms(h8['p99']) / ip['p99_ms']:.2f}x the in-process p99 (target <= 3); peak RSS {r['peak_rss_kb'] / 1024:.0f} MB (target <= 1024)")
print("\nin process, per shape (ms):")
for shape, s in ip["shapes"].items():
    print(f"  {shape:10s} mean {s['mean_ms']:7.2f}  p50 {s['p50_ms']:7.2f}  p99 {s['p99_ms']:7.2f}")
PY
