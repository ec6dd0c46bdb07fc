#!/usr/bin/env bash
# Retrieval quality on the ALQAC 2024 judged questions: tracuu and the three
# baselines (SQLite FTS5, stock Xapian, plain syllables), one table per
# question file. Runs from the repository root; extra arguments go to
# `tracuu eval` (e.g. --unaccented, --systems fts5,tracuu, --tracuu-options STR).
# The full report (every figure, each question's top 20) goes to
# benchmarks/out/quality.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -f build/build.ninja ] || meson setup build -Dbuildtype=release >/dev/null
ninja -C build cli/tracuu >/dev/null

alqac=../shared/corpus/alqac2024
if [ ! -f "$alqac/law.json" ]; then
	echo "run.sh: $alqac is absent; try the bundled sample:" >&2
	echo "  build/cli/tracuu eval --law corpus/sample/alqac/law.json --questions corpus/sample/alqac/train.json" >&2
	exit 1
fi
mkdir -p benchmarks/out
build/cli/tracuu eval --law "$alqac/law.json" \
	--questions "$alqac/train.json" --questions "$alqac/unverified_train.json" \
	--json benchmarks/out/quality.json "$@"
