#!/usr/bin/env bash
# Install what is missing, build tracuu (release), index the bundled sample
# (corpus/sample) into data/index, show a few searches, then serve the index
# as a JSON API on 127.0.0.1:8080 ($TRACUU_PORT) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
[ -f build/build.ninja ] || meson setup build -Dbuildtype=release >/dev/null
ninja -C build >/dev/null
tracuu=build/cli/tracuu
# The default index holds only the sample: built afresh each time, so that
# an index left by an older tracuu (another format) is never in the way.
if [ -z "${TRACUU_DB:-}" ]; then rm -rf data/index; fi
export TRACUU_DB=${TRACUU_DB:-data/index}

echo "== tracuu analyze: a sentence with an old-style tone, a document number and a citation"
printf '%s\n' "Theo điểm đ khoản 2 Điều 5 Nghị định số 52/2015/NĐ-CP, Uỷ ban nhân dân tỉnh hoà giải." \
  | "$tracuu" analyze | head -20

echo
echo "== tracuu index: the bundled sample into $TRACUU_DB"
sources=()
for s in corpus/sample/phapdien corpus/sample/congbao; do [ -e "$s" ] && sources+=("$s"); done
"$tracuu" index "${sources[@]}" --prune

run() { echo; echo "\$ tracuu search $*"; "$tracuu" search "$@" | head -24; }
run --limit 3 thanh niên
run --limit 3 thanh nien
run --limit 2 "nd 111/2022"
run --limit 2 --in provisions "khoản 2 Điều 2 Nghị định 111/2022/NĐ-CP"
run --limit 1 --in codified "Nhãn phụ là gì?"
run --limit 3 --facets loai:nghi-dinh nam:2022..2026

echo
echo "Index ready in $TRACUU_DB. Try: $tracuu search --help"

# The daemon on the sample, in the foreground: Ctrl-C stops it.
port=${TRACUU_PORT:-8080}
echo
echo "== tracuu serve: the JSON API on http://127.0.0.1:$port (Ctrl-C stops it)"
echo "   curl 'http://127.0.0.1:$port/v1/search?q=thanh%20ni%C3%AAn&per_page=3'"
echo "   curl 'http://127.0.0.1:$port/v1/lookup?number=111/2022/ND-CP'"
echo "   curl 'http://127.0.0.1:$port/v1/documents/111/2022/n%C4%91-cp/d2'"
echo "   curl 'http://127.0.0.1:$port/v1/codification/36/36.3?per_page=5'"
echo "   the routes: curl http://127.0.0.1:$port/openapi.json"
exec "$tracuu" serve --listen "127.0.0.1:$port" --access-log -
