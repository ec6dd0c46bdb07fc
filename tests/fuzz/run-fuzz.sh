#!/bin/sh
# run-fuzz.sh TARGET SECONDS SEEDS: run a libFuzzer target for SECONDS, new
# inputs going to a scratch folder (never into the seeds in the repo).
target=$1; seconds=$2; seeds=$3
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
"$target" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work" "$seeds" 2>"$work/log"
status=$?
tail -15 "$work/log"
if [ $status -ne 0 ]; then
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
    [ -f "$crash" ] && { echo "input: $crash"; od -c "$crash" | head -20; }
  done
fi
exit $status
