#!/usr/bin/env bash
# What decides the nd4j backend's GPU efficiency, measured on this machine's CPU: ND4J operations per 1,000 words
# (counted by ND4J's own profiler), bytes copied between host and device per averaging round (the model up and
# down, and the minibatches' word ids), and words/s of the nd4j backend against the jvm backend, for skip-gram and
# CBOW on the same corpus (data-samples/planted.txt.gz unless CORPUS_TEXT says otherwise), one worker, 2 threads,
# one epoch, 4 averaging rounds. Runs three trainings per model: jvm, nd4j, and nd4j with the op count (the
# profiler slows it, so its speed is not used). Prints a table.
#
# Usage: bench/nd4j-metrics.sh [skipgram|cbow]...      (default: both)
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), CORPUS_TEXT, THREADS (default 2), DIM (default 100)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_build
MODELS=("$@")
[ $# -gt 0 ] || MODELS=(skipgram cbow)
THREADS="${THREADS:-2}"
DIM="${DIM:-100}"
CORPUS_TEXT="${CORPUS_TEXT:-$ROOT/data-samples/planted.txt.gz}"
OUT="$BENCH_DIR/nd4j-metrics"
mkdir -p "$OUT"

"$EMBEDDINGS" corpus --input "$CORPUS_TEXT" --output "$OUT/corpus" --overwrite > "$OUT/corpus.log" 2>&1 || {
  echo "nd4j-metrics: the corpus job failed; see $OUT/corpus.log" >&2; exit 1; }

# train NAME MODEL BACKEND [JAVA_OPTS]: one epoch; the log goes to $OUT/NAME.log, vectors to $OUT/NAME.
train() {
  EMBEDDINGS_JAVA_OPTS="${4:-}" "$EMBEDDINGS" word2vec --corpus "$OUT/corpus" --output "$OUT/$1" --model "$2" \
    --backend "$3" --workers 1 --threads "$THREADS" --epochs 1 --dim "$DIM" --overwrite > "$OUT/$1.log" 2>&1 || {
    echo "nd4j-metrics: $1 failed; see $OUT/$1.log" >&2; tail -5 "$OUT/$1.log" >&2; exit 1; }
}
# words_per_second NAME: words/s of the whole training, and of the rounds after the first (which includes ND4J's
# start and the JIT's warm-up).
words_per_second() {
  python3 -c 'import json,sys
m = json.load(open(sys.argv[1]))["metrics"]
h = m["history"]  # "words" counts all words so far: a round trained the difference
later = [(b["words"] - a["words"], b["wordsPerSecond"]) for a, b in zip(h, h[1:])]
print(round(m["wordsPerSecond"]), round(sum(w for w, _ in later) / sum(w / s for w, s in later)) if later else "-")' \
    "$OUT/$1/manifest.json"
}
# The rounds' "nd4j round: ..." log lines summed: words, ops, model bytes, id bytes, bytes to host, rounds.
ROUNDS_PY='
import re, sys
rows = [tuple(int(x) for x in m.groups()) for m in re.finditer(
    r"nd4j round: (\d+) words, (\d+) ops .*?to device (\d+) B of model \+ (\d+) B of word ids .*?to host (\d+) B",
    open(sys.argv[1]).read())]
if not rows:
    sys.exit("no counted nd4j round in " + sys.argv[1])
words, ops, model, ids, host = (sum(r[i] for r in rows) for i in range(5))
n = len(rows)
print("%.1f %.0f %.0f %.0f %.2f %d" % (1000 * ops / words, model / n, ids / n, host / n, ids / words, n))
'

# w/s: whole training / rounds after the first.
printf '%-9s %15s %15s %6s %11s %14s %12s %14s %10s\n' model "jvm w/s" "nd4j w/s" ratio "ops/1000 w" \
  "model B/round" "ids B/round" "to host/round" "id B/word"
for model in "${MODELS[@]}"; do
  train "$model-jvm" "$model" jvm
  train "$model-nd4j" "$model" nd4j
  train "$model-nd4j-counted" "$model" nd4j -Dembeddings.nd4j.countOps=true
  read -r jvm jvm_later < <(words_per_second "$model-jvm")
  read -r nd4j nd4j_later < <(words_per_second "$model-nd4j")
  read -r ops model_bytes id_bytes host_bytes ids_per_word rounds < <(python3 -c "$ROUNDS_PY" \
    "$OUT/$model-nd4j-counted.log")
  printf '%-9s %15s %15s %6s %11s %14s %12s %14s %10s\n' "$model" "$jvm/$jvm_later" "$nd4j/$nd4j_later" \
    "$(python3 -c "print('%.2f' % ($nd4j_later / $jvm_later))")" "$ops" "$model_bytes" "$id_bytes" "$host_bytes" \
    "$ids_per_word"
done
echo "(w/s: whole training / rounds after the first; ratio: nd4j/jvm of the later rounds; $rounds averaging" \
  "rounds per epoch; corpus $CORPUS_TEXT; dim $DIM; $THREADS threads; logs in $OUT)" >&2
