#!/usr/bin/env bash
# Quality on every yardstick (issue #22): this project (1 and 2 workers) and fastText, skip-gram and CBOW, over several
# seeds, on the ~20 M-token benchmark corpus with the word2vec benchmark's settings (dim 100, window 5, negative 5,
# sample 1e-4, min-count 5, 5 epochs, 2 threads; fastText without subwords). Each vector file is scored by
# bench/eval_suite.py: analogies by 3CosAdd and 3CosMul, Spearman on every similarity and relatedness set of
# ../shared/data/eval and their mean. Prints, per system and model, each set's mean and spread (sample standard
# deviation) over the seeds, and each system's mean rank over the sets; the raw scores go to quality-suite.jsonl.
# Two workers keep one replica each (--replica-per worker) and average them, as two executors would.
#
# Usage: bench/quality-suite.sh [skipgram|cbow]...      (default: both)
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), MAX_TOKENS (smaller corpus for a quick run),
#        EPOCHS (default 5), SEEDS (default "1 2 3"), WORKERS_LIST (default "1 2"), SKIP_PEERS=1 (only this project),
#        OURS_ARGS (extra word2vec options for this project's runs, e.g. "--ns-exponent 0.5"; its rows say so),
#        RESULTS (the raw scores' file, default $BENCH_DIR/quality-suite.jsonl).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
MODELS=("${@:-skipgram}")
[ $# -gt 0 ] || MODELS=(skipgram cbow)
EPOCHS="${EPOCHS:-5}"
SEEDS="${SEEDS:-1 2 3}"
WORKERS_LIST="${WORKERS_LIST:-1 2}"
[ -n "${SKIP_PEERS:-}" ] || require_packages fasttext
prepare_corpus
CORPUS_DIR="$BENCH_DIR/quality-corpus${MAX_TOKENS:+-$MAX_TOKENS}"
[ -f "$CORPUS_DIR/manifest.json" ] ||
  timed quality-corpus "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$CORPUS_DIR" --shards 2 --overwrite
RESULTS="${RESULTS:-$BENCH_DIR/quality-suite.jsonl}"
read -r -a OURS_EXTRA <<< "${OURS_ARGS:-}"
: > "$RESULTS"

# record SYSTEM MODEL SEED VECTORS: scores the file and appends a line to $RESULTS.
record() {
  python3 "$ROOT/bench/eval_suite.py" "$SHARED" "$4" | python3 -c '
import json, sys
r = json.load(sys.stdin)
r.update(system=sys.argv[1], model=sys.argv[2], seed=int(sys.argv[3]), wall=float(sys.argv[4]))
print(json.dumps(r))' "$1" "$2" "$3" "$WALL" >> "$RESULTS"
  echo "$1 $2 seed $3: $(tail -1 "$RESULTS" | cut -c1-160)" >&2
}

for model in "${MODELS[@]}"; do
  for seed in $SEEDS; do
    for workers in $WORKERS_LIST; do
      out="$BENCH_DIR/qs-ours-$model-$workers-$seed"
      timed "qs-ours-$model-$workers-$seed" "$EMBEDDINGS" word2vec --corpus "$CORPUS_DIR" --output "$out" \
        --model "$model" --epochs "$EPOCHS" --workers "$workers" --threads $((2 / workers)) --replica-per worker \
        --seed "$seed" "${OURS_EXTRA[@]}" --overwrite
      record "embeddings-dev N=$workers${OURS_ARGS:+ $OURS_ARGS}" "$model" "$seed" "$out/vectors.bin"
      rm -rf "$out"
    done
    [ -z "${SKIP_PEERS:-}" ] || continue
    out="$BENCH_DIR/qs-fasttext-$model-$seed"
    timed "qs-fasttext-$model-$seed" fasttext "$model" -input "$CORPUS_TXT" -output "$out" -dim 100 -ws 5 -neg 5 \
      -t 1e-4 -minCount 5 -epoch "$EPOCHS" -thread 2 -minn 0 -maxn 0 -seed "$seed" -verbose 1
    record "fastText" "$model" "$seed" "$out.vec"
    rm -f "$out.vec" "$out.bin"
  done
done

python3 "$ROOT/bench/suite_table.py" "$RESULTS"
