#!/usr/bin/env bash
# Integration smoke test on a real standalone Spark cluster (2 Workers on 127.0.0.1, from the Maven-built runtime):
# corpus -> word2vec submitted through submit-scripts/embeddings -> spark-submit (client mode); the vectors must
# answer the planted analogies far above chance; `refresh` publishes, then skips unchanged input; a failing job
# must exit non-zero. The cluster is always stopped.
# Needs the build: mvn -B -q package -DskipTests.  Usage: bench/cluster-smoke.sh [OUT_DIR]
# Environment: MIN_ACCURACY (default 0.25; chance is ~1/2200), EPOCHS (default 2), and dev-cluster's variables.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/out/cluster-smoke}"
export SPARK_HOME="$ROOT/spark-runtime/target/spark-home"
export EMBEDDINGS_CLUSTER_DIR="${EMBEDDINGS_CLUSTER_DIR:-$OUT/cluster}"
EMBEDDINGS="$ROOT/submit-scripts/embeddings"
CLUSTER="$ROOT/submit-scripts/dev-cluster"

step() { echo "== cluster-smoke: $*" >&2; }
fail() { echo "cluster-smoke: FAILED: $*" >&2; exit 1; }

trap '"$CLUSTER" stop || true' EXIT
step "starting a 2-Worker cluster"
MASTER="$("$CLUSTER" start 2)"
step "cluster up at $MASTER"

step "corpus"
"$EMBEDDINGS" corpus --master "$MASTER" --input "$ROOT/data-samples/planted.txt.gz" --output "$OUT/corpus" \
  --shards 2 --overwrite
step "word2vec (2 workers)"
"$EMBEDDINGS" word2vec --master "$MASTER" --corpus "$OUT/corpus" --output "$OUT/w2v" --workers 2 \
  --epochs "${EPOCHS:-2}" --overwrite

step "checking the planted analogies"
java -cp "$ROOT/spark-jobs/target/embeddings.jar" "$ROOT/bench/CheckAnalogies.java" "$OUT/w2v/vectors.bin" \
  "$ROOT/data-samples/planted-analogies.txt" "${MIN_ACCURACY:-0.25}" || fail "the vectors miss the planted analogies"

step "refresh: first run publishes version 000001, a re-run on the same input is a no-op (both exit 0)"
refresh() {
  "$EMBEDDINGS" refresh --master "$MASTER" --input "$ROOT/data-samples/planted.txt.gz" --root "$OUT/published" \
    --analogies "$ROOT/data-samples/planted-analogies.txt" --workers 2 --epochs "${EPOCHS:-2}" --shards 2
}
rm -rf "$OUT/published"
refresh | tee "$OUT/refresh-1.out"
grep -q "published version 000001" "$OUT/refresh-1.out" || fail "the first refresh did not publish"
[ "$(cat "$OUT/published/LATEST")" = 000001 ] || fail "LATEST does not name version 000001"
refresh | tee "$OUT/refresh-2.out"
grep -q "^unchanged" "$OUT/refresh-2.out" || fail "a refresh on unchanged input was not a no-op"

step "a failing job (missing input) must exit non-zero"
set +e
"$EMBEDDINGS" corpus --master "$MASTER" --input "$OUT/no-such-input" --output "$OUT/never" 2>"$OUT/failing.err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a corpus job on a missing input exited 0"
[ ! -e "$OUT/never" ] || fail "a failed job left output $OUT/never behind"
grep -q "no-such-input" "$OUT/failing.err" || fail "the error does not name the missing input: $(tail -3 "$OUT/failing.err")"
step "missing input: exit status $rc, message: $(grep -m1 'error' "$OUT/failing.err")"

step "OK"
