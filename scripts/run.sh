#!/usr/bin/env bash
# Install what is missing, build tracuu (release), and run the main job on
# the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
[ -f build/build.ninja ] || meson setup build -Dbuildtype=release >/dev/null
ninja -C build >/dev/null
tracuu=build/cli/tracuu

echo "== tracuu analyze: a real sentence with an old-style tone, a document number and a citation"
printf '%s\n' "Theo điểm đ khoản 2 Điều 5 Nghị định số 52/2015/NĐ-CP, Uỷ ban nhân dân tỉnh hoà giải." \
  | "$tracuu" analyze
