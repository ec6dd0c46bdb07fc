#!/usr/bin/env bash
# The latency benchmark of the query engine, from a fresh clone (see
# benchmarks/latency/README.md):
#   1. the release build (build/),
#   2. the full index of ../shared/corpus/phapdien + ../shared/corpus/congbao
#      with `tracuu index`, timed (seconds, entries/s, size, peak RSS; a run
#      that creates an index compacts it, and says how long that took and
#      the size before); reused when it exists and was built from the same
#      indexing code and the same data,
#   3. bench_latency on that index: the peers (stock Xapian, SQLite FTS5)
#      built over the same codified articles, every query shape through
#      every engine, a table on stdout and JSON in benchmarks/out/latency.json.
#
# usage: benchmarks/latency/run.sh [--rebuild-index] [BENCH_LATENCY OPTIONS...]
# Options after --rebuild-index go to bench_latency (try --help), e.g.
#   benchmarks/latency/run.sh --shape question --target codified --queries 20
# The index and its figures live in $LATENCY_DIR (default data/latency).
set -euo pipefail
cd "$(dirname "$0")/../.."

rebuild=0
if [ "${1:-}" = "--rebuild-index" ]; then
	rebuild=1
	shift
fi
for arg in "$@"; do
	if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
		sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
	fi
done

corpus=../shared/corpus
for d in "$corpus/phapdien" "$corpus/congbao" "$corpus/alqac2024"; do
	if [ ! -d "$d" ]; then
		echo "run.sh: $d is absent: the latency benchmark needs the full corpus" >&2
		exit 1
	fi
done

bash scripts/setup.sh >/dev/null
[ -f build/build.ninja ] || meson setup build -Dbuildtype=release >/dev/null
ninja -C build cli/tracuu benchmarks/latency/bench_latency >/dev/null
tracuu=build/cli/tracuu
# what was built: the report names it
label=$(git describe --always --dirty 2>/dev/null || echo "no git")

dir=${LATENCY_DIR:-data/latency}
index=$dir/index
figures=$dir/tracuu-build.json
mkdir -p "$dir" benchmarks/out

# The index is current when the code that may write it and the data it is
# made of are the ones it was built from: every module's sources but those
# that only read an index or drive the others (a new module counts by
# default), and the corpus files.
stamp() {
	find . -path ./.git -prune -o -path './build*' -prune -o -path ./data -prune \
		-o -path ./cli -prune -o -path ./query -prune -o -path ./tests -prune \
		-o -path ./benchmarks -prune -o -path ./scripts -prune -o -path ./api -prune \
		-o -path ./web -prune -o -path ./corpus/sample -prune -o -path ./meson.build -prune \
		-o -type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name 'meson.build' \) -print0 |
		sort -z | xargs -0 sha1sum
	(cd "$corpus" && find phapdien congbao -type f -printf '%p %s %T@\n' | sort)
}
want=$(stamp | sha1sum | cut -d' ' -f1)
have=$(cat "$dir/index.stamp" 2>/dev/null || true)

# Run a command; print its wall seconds, CPU seconds (user + system), peak
# RSS (kB) and the load average before and after it, as
# "WALL CPU KB LOAD0 LOAD1" on fd 3 (the machine may be shared: CPU time is
# the steadier figure).
measure() {
	python3 - "$@" <<'EOF'
import os, resource, subprocess, sys, time
load0 = os.getloadavg()[0]
start = time.monotonic()
status = subprocess.call(sys.argv[1:])
seconds = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
os.write(3, f"{seconds:.3f} {usage.ru_utime + usage.ru_stime:.3f} {usage.ru_maxrss} "
            f"{load0:.2f} {os.getloadavg()[0]:.2f}\n".encode())
sys.exit(status)
EOF
}

if [ "$rebuild" = 1 ] || [ "$have" != "$want" ] || [ ! -f "$figures" ] || [ ! -d "$index" ]; then
	rm -rf "$index" "$index-compacted" "$figures" "$dir/index.stamp"  # -compacted: the copy runs before made
	echo "run.sh: building the full index into $index (several minutes)" >&2
	# the loader's problems go to the log; its last lines are the summary
	read -r -a built < <(measure "$tracuu" index "$corpus/phapdien" "$corpus/congbao" \
		--db "$index" 3>&1 >"$dir/index.log" 2>&1)
	grep -A4 '^indexed ' "$dir/index.log" || { tail -5 "$dir/index.log"; exit 1; }
	index_bytes=$(du -sb "$index" | cut -f1)
	python3 - "$dir/index.log" "$index/manifest.json" "${built[@]}" "$index_bytes" >"$figures" <<'EOF'
import json, re, sys
log = open(sys.argv[1], encoding="utf-8").read()
records = re.search(r"indexed (\d+) records", log)
# the build's own compaction: the size as written, the time it took
compacted = re.search(r"compacted: ([\d.]+) MB → ([\d.]+) MB in ([\d.]+) s", log)
# the entries per database, as the index's manifest counts them
entries = json.load(open(sys.argv[2], encoding="utf-8"))["counts"]
wall, cpu, rss, load0, load1, size = sys.argv[3:9]
figures = {"records": int(records.group(1)) if records else None, "entries": entries,
           "seconds": float(wall), "cpu_seconds": float(cpu), "peak_rss_kb": int(rss),
           "loadavg_before": float(load0), "loadavg_after": float(load1), "bytes": int(size)}
if compacted:
    # "bytes": as written, before the compaction; "compact": the index searched
    figures["bytes"] = int(float(compacted.group(1)) * 1e6)
    figures["compact"] = {"seconds": float(compacted.group(3)), "bytes": int(size)}
json.dump(figures, sys.stdout, indent=2)
EOF
	echo "$want" >"$dir/index.stamp"
else
	echo "run.sh: reusing $index (built from the same code and data; --rebuild-index to redo it)" >&2
fi

exec build/benchmarks/latency/bench_latency --db "$index" --tracuu-build "$figures" \
	--phapdien "$corpus/phapdien" --alqac "$corpus/alqac2024" \
	--json benchmarks/out/latency.json --label "commit $label" "$@"
