#!/usr/bin/env bash
# Install what is missing, build tracuu (release), index the bundled sample
# (corpus/sample) into data/index, and show a few searches.
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
