#!/bin/sh
# run-fuzz.sh TARGET SECONDS SEEDS: run a libFuzzer target for SECONDS, new
# inputs going to a scratch folder (never into the seeds in the repo).
#
# Any failure of the fuzzer (a sanitizer's report, a deadly signal, a timeout,
# running out of memory) is a failure of the test: libFuzzer's own exit code
# for some of them is 77, which meson reads as "skipped", so it is set here.
# The input that failed is kept next to the target, in
# fuzz-artifacts/NAME/, and printed (gzip, base64) so that a log alone is
# enough to replay it: base64 -d | gunzip > input; TARGET input.
target=$1; seconds=$2; seeds=$3
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
"$target" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$work/" "$work" "$seeds" 2>"$work/log"
status=$?
if [ $status -eq 0 ]; then
  tail -15 "$work/log"
  exit 0
fi
# the report from its first line (the stack's top frames come first)
first=$(grep -n -m1 -E '^==[0-9]+==|ERROR|Assertion|runtime error|ALARM' "$work/log" | cut -d: -f1)
sed -n "${first:-1},\$p" "$work/log" | head -120
keep="$(dirname "$target")/fuzz-artifacts/$(basename "$target")"
mkdir -p "$keep"
for input in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*; do
  [ -f "$input" ] || continue
  cp "$input" "$keep/"
  echo "input ($(wc -c <"$input") bytes), kept as $keep/$(basename "$input"):"
  gzip -9nc "$input" | base64
done
[ $status -eq 77 ] && status=1
exit $status
