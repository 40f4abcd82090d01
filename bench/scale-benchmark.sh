#!/usr/bin/env bash
# Scale: word2vec and GloVe at a vocabulary of millions of words, beside the same training on the plain corpus.
# The ~20 M-token benchmark corpus plus two million made-up rare words (each three times, twelve words a line:
# ../shared/bench/bigvocab.py) gives, at --min-count 3, a vocabulary of over 2.05 M words. On each corpus, in the
# embedded local mode, one JVM whose heap is 3.5 x the model's bytes at the big vocabulary + 2 GB (the same heap for
# both corpora):
#   word2vec          CBOW, --dim 300, 2 workers x 1 thread, 1 epoch (model 8·V·dim bytes): by default the two
#                     workers of this one executor train one replica
#   word2vec-exchange the same with --replica-per worker --sync-rare-every 16: two replicas exchanging rows through
#                     the exchange folder, as two executors would (rare words' rows merged once an epoch)
#   glove             --dim 100, 2 workers, 1 epoch (model 16·V·(dim+1) bytes)
#   glove-exchange    the same with --replica-per worker
# Prints V, dim, model bytes, heap, replicas, wall, words/s (in-vocabulary tokens per second of training), time in training
# and in synchronisation (workers' means), bytes the workers wrote to the exchange per round (and through the driver:
# none), peak RSS; then the words/s ratio big/plain per job.
#
# Usage: bench/scale-benchmark.sh [word2vec|word2vec-exchange|glove|glove-exchange]...   (default: all four)
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), RARE_WORDS (default 2000000), MAX_TOKENS (smaller
#        corpus for a quick run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
JOBS=("${@:-word2vec}")
[ $# -gt 0 ] || JOBS=(word2vec word2vec-exchange glove glove-exchange)
RARE_WORDS="${RARE_WORDS:-2000000}"

prepare_corpus
BIG_TXT="$BENCH_DIR/bigvocab-$RARE_WORDS${MAX_TOKENS:+-$MAX_TOKENS}.txt"
if [ ! -s "$BIG_TXT" ]; then
  python3 "$SHARED/bench/bigvocab.py" "$CORPUS_TXT" "$BIG_TXT" "$RARE_WORDS" >&2
fi

# corpus_dir NAME TEXT: the corpus job at --min-count 3, 2 shards; sets CORPUS_DIR and VOCAB.
corpus_dir() {
  CORPUS_DIR="$BENCH_DIR/scale-corpus-$1"
  if [ ! -f "$CORPUS_DIR/manifest.json" ]; then
    timed "scale-corpus-$1" "$EMBEDDINGS" corpus --input "$2" --output "$CORPUS_DIR" --min-count 3 --shards 2 \
      --overwrite
    echo "corpus $1: ${WALL} s, peak ${PEAK_MB} MB" >&2
  fi
  VOCAB=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["vocabularySize"])' \
    "$CORPUS_DIR/manifest.json")
  TOKENS=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["counts"]["inVocabularyTokens"])' \
    "$CORPUS_DIR/manifest.json")
}

METRICS_PY=$(cat <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))["metrics"]
s = m["synchronisation"]
tokens, seconds = int(sys.argv[2]), m["trainingSeconds"]
print("%.0f %.1f %.1f %d %d %d" % (tokens / seconds, s["trainingSeconds"], s["syncSeconds"],
                                   s["bytesWrittenPerRound"], s["bytesThroughDriver"], s["replicas"]))
PY
)

corpus_dir big "$BIG_TXT"
BIG_VOCAB=$VOCAB
ROWS=()
declare -A RATE
for job in "${JOBS[@]}"; do
  for corpus in plain big; do
    if [ "$corpus" = plain ]; then corpus_dir plain "$CORPUS_TXT"; else corpus_dir big "$BIG_TXT"; fi
    if [ "${job%-exchange}" = word2vec ]; then
      dim=300; model_bytes=$((8 * VOCAB * dim)); heap_model=$((8 * BIG_VOCAB * dim))
      args=(word2vec --model cbow --dim "$dim" --workers 2 --threads 1 --epochs 1)
      [ "$job" = word2vec ] || args+=(--replica-per worker --sync-rare-every 16)
    else
      dim=100; model_bytes=$((16 * VOCAB * (dim + 1))); heap_model=$((16 * BIG_VOCAB * (dim + 1)))
      args=(glove --dim "$dim" --workers 2 --epochs 1)
      [ "$job" = glove ] || args+=(--replica-per worker)
    fi
    heap_mb=$(( (heap_model * 7 / 2 >> 20) + 2048 ))
    out="$BENCH_DIR/scale-$job-$corpus"
    EMBEDDINGS_DRIVER_MEMORY="${heap_mb}m" timed "scale-$job-$corpus" "$EMBEDDINGS" "${args[@]}" \
      --corpus "$CORPUS_DIR" --output "$out" --overwrite
    read -r rate train sync bytes driver replicas < <(python3 -c "$METRICS_PY" "$out" "$TOKENS")
    rm -rf "$out"  # several GB at the big vocabulary; the log stays
    RATE[$job-$corpus]=$rate
    ROWS+=("$(printf '| %s | %s | %d | %d | %d MB | %d MB | %d | %s | %d | %s | %s | %d MB | %d | %d MB |' \
      "$job" "$corpus" "$VOCAB" "$dim" "$((model_bytes >> 20))" "$heap_mb" "$replicas" "$WALL" "$rate" "$train" \
      "$sync" "$((bytes >> 20))" "$driver" "$PEAK_MB")")
  done
done

echo
echo "| job | corpus | V | dim | model | heap | replicas | wall s | words/s | training s | sync s | written per round | through driver | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
for job in "${JOBS[@]}"; do
  python3 -c 'import sys; print("%s: words/s at the big vocabulary / plain = %.2f" % (sys.argv[1],
    float(sys.argv[2]) / float(sys.argv[3])))' "$job" "${RATE[$job-big]}" "${RATE[$job-plain]}"
done
