#!/usr/bin/env bash
# Install what is missing, build under AddressSanitizer + UndefinedBehaviorSanitizer
# with warnings as errors, run every test, and end with one line
# "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

builddir=${TRACUU_TEST_BUILDDIR:-build-test}
if [ ! -f "$builddir/build.ninja" ]; then
  CC=${CC:-gcc} CXX=${CXX:-g++} meson setup "$builddir" \
    -Dbuildtype=debugoptimized -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
    >"$builddir.setup.log" 2>&1 || { cat "$builddir.setup.log"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! ninja -C "$builddir" >"$builddir.log" 2>&1; then
  cat "$builddir.log"
  echo "build failed (warnings are errors)"
  echo "0 passed, 1 failed"
  exit 1
fi

# The full-corpus indexing test (tests/cli/test_full.py) indexes the whole
# pháp điển four times; under ASan that alone would take most of CI's budget,
# so it runs a release build of the same sources (everything else runs under
# the sanitizers).
if [ -d ../shared/corpus ]; then
  reldir=${builddir}-release
  [ -f "$reldir/build.ninja" ] || meson setup "$reldir" -Dbuildtype=release >"$reldir.setup.log" 2>&1
  if ninja -C "$reldir" cli/tracuu >"$reldir.log" 2>&1; then
    export TRACUU_FULL_BINARY="$PWD/$reldir/cli/tracuu"
  else
    tail -20 "$reldir.log"
  fi
fi

meson test -C "$builddir" --print-errorlogs --num-processes 2 --timeout-multiplier 3 "$@" \
  | tee "$builddir.test.log"
status=${PIPESTATUS[0]}

# The fuzz targets, with libFuzzer (clang), each for a short time.
if [ -z "${TRACUU_NO_FUZZ:-}" ] && [ $# -eq 0 ] && command -v clang >/dev/null; then
  fuzzdir=${builddir}-fuzz
  if [ ! -f "$fuzzdir/build.ninja" ]; then
    CC=clang CXX=clang++ meson setup "$fuzzdir" -Dfuzz=true -Dbuildtype=debugoptimized \
      -Db_sanitize=address,undefined -Db_lundef=false >"$fuzzdir.setup.log" 2>&1 || cat "$fuzzdir.setup.log"
  fi
  if ninja -C "$fuzzdir" >"$fuzzdir.log" 2>&1; then
    meson test -C "$fuzzdir" --suite fuzz --print-errorlogs | tee -a "$builddir.test.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  else
    tail -30 "$fuzzdir.log"
    echo "Fail: 1" >>"$builddir.test.log"
    status=1
  fi
fi

# The threads under ThreadSanitizer (gcc's): the indexer's two (its own
# tests and the lanes' test) and the daemon's workers (the API's tests, writes
# beside reads included), with the binary built under TSan, where a race is a
# report and the process's exit status 66 (TSAN_OPTIONS in tests/meson.build).
# ASan sees a race only when it happens to corrupt memory.
if [ -z "${TRACUU_NO_TSAN:-}" ] && [ $# -eq 0 ]; then
  tsandir=${builddir}-tsan
  if [ ! -f "$tsandir/build.ninja" ]; then
    CC=${CC:-gcc} CXX=${CXX:-g++} meson setup "$tsandir" -Dbuildtype=debugoptimized -Dwerror=true \
      -Db_sanitize=thread -Db_lundef=false >"$tsandir.setup.log" 2>&1 || cat "$tsandir.setup.log"
  fi
  tsan_tests=(indexer lanes api api-live)
  if ninja -C "$tsandir" cli/tracuu tests/indexer/test_indexer >"$tsandir.log" 2>&1; then
    # TSan's runtime cannot start where the kernel randomizes mappings
    # more than it expects ("unexpected memory mapping"): then without
    # address randomization, or said skipped when even that fails
    tsan=()
    if ! "$tsandir/cli/tracuu" --version >"$tsandir.probe.log" 2>&1; then
      tsan=(setarch "$(uname -m)" -R)
      "${tsan[@]}" "$tsandir/cli/tracuu" --version >>"$tsandir.probe.log" 2>&1 || tsan=(false)
    fi
    if [ "${tsan[*]}" = false ]; then
      head -5 "$tsandir.probe.log"
      echo "ThreadSanitizer cannot run on this machine: ${tsan_tests[*]} skipped under it"
      echo "Skipped: ${#tsan_tests[@]}" >>"$builddir.test.log"
    else
      TRACUU_TEST_SLOWDOWN=10 "${tsan[@]}" meson test -C "$tsandir" --no-rebuild --print-errorlogs \
        --num-processes 2 --timeout-multiplier 3 "${tsan_tests[@]}" | tee -a "$builddir.test.log"
      [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    fi
  else
    tail -30 "$tsandir.log"
    echo "Fail: 1" >>"$builddir.test.log"
    status=1
  fi
fi

# meson's summary: "Ok: N", "Expected Fail: N", "Fail: N", "Unexpected Pass: N",
# "Skipped: N", "Timeout: N".
count() { grep -E "^$1:" "$builddir.test.log" | awk '{s += $NF} END {print s + 0}'; }
ok=$(count Ok); xfail=$(count "Expected Fail"); fail=$(count Fail)
xpass=$(count "Unexpected Pass"); skipped=$(count Skipped); timeout=$(count Timeout)
passed=$(( ${ok:-0} + ${xfail:-0} ))
failed=$(( ${fail:-0} + ${xpass:-0} + ${timeout:-0} ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
line="$passed passed, $failed failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
