#!/usr/bin/env bash
# Checks what submit-scripts/embeddings does around the JVM it starts: the JVM's incubator-module warning is dropped
# and nothing else (errors arrive before the launcher returns), the exit status is the JVM's, and a TERM sent to the
# launcher stops the JVM. Needs the build: mvn -B -ntp package -DskipTests.  Usage: bench/launcher-check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EMBEDDINGS="$ROOT/submit-scripts/embeddings"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

fail() { echo "launcher-check: FAILED: $*" >&2; exit 1; }

status=0
"$EMBEDDINGS" --help >"$OUT/out" 2>"$OUT/err" || status=$?
[ "$status" -eq 0 ] || fail "--help exited $status"
! grep -q incubator "$OUT/err" || fail "the incubator warning is still printed: $(cat "$OUT/err")"
grep -q '^Usage: embeddings' "$OUT/out" || fail "--help printed no usage"

status=0
"$EMBEDDINGS" word2vec --corpuss x >"$OUT/out" 2>"$OUT/err" || status=$?
[ "$status" -eq 2 ] || fail "a usage error exited $status, not 2"
[ "$(head -1 "$OUT/err")" = "word2vec: error: unknown option '--corpuss' (did you mean --corpus?)" ] ||
  fail "the usage error did not arrive whole before the launcher returned: $(cat "$OUT/err")"

# sample writes sentences until stopped; a TERM to the launcher must reach it.
"$EMBEDDINGS" sample --output "$OUT/sample" --sentences 2000000000 >/dev/null 2>"$OUT/err" &
launcher=$!
sleep 5
jvm="$(pgrep -P "$launcher" java || echo "$launcher")"
kill -TERM "$launcher"
status=0
wait "$launcher" || status=$?
[ "$status" -eq 143 ] || fail "after TERM the launcher exited $status, not 143"
! kill -0 "$jvm" 2>/dev/null || fail "the JVM $jvm outlived the launcher"
echo "launcher-check: OK" >&2
