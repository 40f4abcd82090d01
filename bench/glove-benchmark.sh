#!/usr/bin/env bash
# GloVe (issue #5): this project with 1 and 2 workers against Stanford's GloVe C tools, whose figures were
# measured earlier on this machine (loaded at the time) and are printed as the reference, and fastText CBOW, run
# now as a yardstick of the machine's speed today. Corpus: ../shared/bench/prepare_corpus.py (~20 M tokens);
# settings as the reference: min-count 5, window 10 (symmetric), dim 100, x-max 100, alpha 0.75, 15 epochs,
# 2 threads in all. Reports counting and training wall time separately (from each run's manifest), the whole
# command's wall time and peak RSS (/usr/bin/time), and the scores of ../shared/bench/evaluate_vectors.py; then
# the GloVe runs' analogy accuracy on the questions all of them answer (bench/same-questions.py). Several workers
# keep one replica each (`--replica-per worker`) and average them, as executors of a cluster would.
#
# Usage: bench/glove-benchmark.sh
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), MAX_TOKENS (smaller corpus for a quick run),
#        EPOCHS (default 15), THREADS (default 2, split over the workers), WORKERS_LIST (default "1 2"),
#        SYNCS_PER_EPOCH (rounds per epoch with several workers, default 4: see docs/design.md; one worker uses 1),
#        MERGE (sum|average, default sum),
#        REUSE_COOCCURRENCE=1 (the first run saves its co-occurrence matrix, later runs load it: their counting
#        column is then the load time), YARDSTICK_EPOCHS (fastText CBOW, default 1), SKIP_YARDSTICK=1,
#        GLOVE_C_BIN (a directory with Stanford's built vocab_count, cooccur, shuffle and glove: they then run here
#        on the same corpus and settings, seed GLOVE_C_SEED (default 1), instead of the stored reference row).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
EPOCHS="${EPOCHS:-15}"
THREADS="${THREADS:-2}"
WORKERS_LIST="${WORKERS_LIST:-1 2}"
SYNCS_PER_EPOCH="${SYNCS_PER_EPOCH:-4}"
MERGE="${MERGE:-sum}"
YARDSTICK_EPOCHS="${YARDSTICK_EPOCHS:-1}"

# Stanford GloVe C on the full corpus with these settings, measured here before (the machine was loaded then).
REF_ANALOGY=16.5 REF_WS353=0.350 REF_COOCCUR_S=18 REF_SHUFFLE_S=14 REF_TRAIN_S=1072
# fastText CBOW, 1 epoch, on the full corpus: docs/benchmarks.md, "GloVe" (2026-11-28).
README_FASTTEXT_CBOW_WPS=503422

[ -n "${SKIP_YARDSTICK:-}" ] || require_packages fasttext
prepare_corpus
echo "corpus: $CORPUS_TXT, $CORPUS_TOKENS tokens; $EPOCHS epochs" >&2
timed glove-corpus "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$BENCH_DIR/glove-corpus-dir" --shards 2 \
  --min-count 5 --overwrite
echo "corpus job: ${WALL} s, peak ${PEAK_MB} MB" >&2

FORMAT='%-30s %-9s %8s %8s %8s %8s %9s %6s'
ROWS=()
GLOVE_VECTORS=() # every GloVe vector file scored, for the same-questions lines
row() { ROWS+=("$(printf "$FORMAT" "$@")"); echo "${ROWS[-1]}" >&2; }

MATRIX="$BENCH_DIR/glove-cooccurrence${MAX_TOKENS:+-$MAX_TOKENS}"
rm -rf "$MATRIX"
for workers in $WORKERS_LIST; do
  threads=$((THREADS / workers > 0 ? THREADS / workers : 1))
  syncs=$((workers > 1 ? SYNCS_PER_EPOCH : 1))
  name="glove-$workers"
  reuse=()
  [ -z "${REUSE_COOCCURRENCE:-}" ] || reuse=(--cooccurrence "$MATRIX")
  timed "$name" "$EMBEDDINGS" glove --corpus "$BENCH_DIR/glove-corpus-dir" --output "$BENCH_DIR/$name" \
    --dim 100 --window 10 --symmetric true --x-max 100 --alpha 0.75 --epochs "$EPOCHS" --workers "$workers" \
    --threads "$threads" --syncs-per-epoch "$syncs" --merge "$MERGE" --replica-per worker "${reuse[@]}" --overwrite
  count_s=$(printf '%.1f' "$(manifest_metric "$BENCH_DIR/$name" cooccurrenceSeconds)")
  train_s=$(printf '%.1f' "$(manifest_metric "$BENCH_DIR/$name" trainingSeconds)")
  case "$(manifest_metric "$BENCH_DIR/$name" cooccurrenceSource)" in loaded*) count_s="$count_s(L)";; esac
  row "embeddings-dev N=$workers K=$syncs $MERGE" "${workers}x$threads" "$count_s" "$train_s" "$WALL" "$PEAK_MB" \
    $(score "$BENCH_DIR/$name/vectors.bin")
  GLOVE_VECTORS+=("$BENCH_DIR/$name/vectors.bin")
done
if [ -n "${GLOVE_C_BIN:-}" ]; then
  # GloVe C's four steps, each timed; the counting column is vocab_count + cooccur + shuffle, as for ours.
  C="$BENCH_DIR/glove-c"; mkdir -p "$C"
  seed="${GLOVE_C_SEED:-1}"
  timed glove-c-vocab sh -c "'$GLOVE_C_BIN/vocab_count' -min-count 5 < '$CORPUS_TXT' > '$C/vocab.txt'"
  vocab_s=$WALL
  timed glove-c-cooccur sh -c "'$GLOVE_C_BIN/cooccur' -memory 4.0 -vocab-file '$C/vocab.txt' -window-size 10 \
    -symmetric 1 < '$CORPUS_TXT' > '$C/cooccurrence.bin'"
  cooccur_s=$WALL; cooccur_mb=$PEAK_MB
  timed glove-c-shuffle sh -c "'$GLOVE_C_BIN/shuffle' -memory 4.0 -seed $seed < '$C/cooccurrence.bin' \
    > '$C/cooccurrence.shuf.bin'"
  shuffle_s=$WALL
  timed glove-c-train "$GLOVE_C_BIN/glove" -save-file "$C/vectors" -threads "$THREADS" -input-file \
    "$C/cooccurrence.shuf.bin" -x-max 100 -alpha 0.75 -iter "$EPOCHS" -vector-size 100 -binary 0 -model 2 \
    -vocab-file "$C/vocab.txt" -seed "$seed"
  REF_TRAIN_S=$WALL
  count_s=$(python3 -c "print(f'{$vocab_s + $cooccur_s + $shuffle_s:.1f}')")
  wall_s=$(python3 -c "print(f'{$vocab_s + $cooccur_s + $shuffle_s + $WALL:.1f}')")
  row "GloVe C (seed $seed)" "1x$THREADS" "$count_s" "$WALL" "$wall_s" "$((PEAK_MB > cooccur_mb ? PEAK_MB : cooccur_mb))" \
    $(score "$C/vectors.txt")
  GLOVE_VECTORS+=("$C/vectors.txt")
  REF_NAME="GloVe C today" REF_EPOCHS=$EPOCHS
  rm -f "$C/cooccurrence.bin" "$C/cooccurrence.shuf.bin"
else
  row "GloVe C (reference, loaded)" "1x2" "$REF_COOCCUR_S+$REF_SHUFFLE_S" "$REF_TRAIN_S" "-" "-" "$REF_ANALOGY" \
    "$REF_WS353"
  REF_NAME="GloVe C reference" REF_EPOCHS=15
fi

if [ -z "${SKIP_YARDSTICK:-}" ]; then
  timed fasttext-yardstick fasttext cbow -input "$CORPUS_TXT" -output "$BENCH_DIR/fasttext-yardstick" -dim 100 \
    -ws 5 -neg 5 -t 1e-4 -minCount 5 -epoch "$YARDSTICK_EPOCHS" -thread 2 -minn 0 -maxn 0 -verbose 1
  row "fastText CBOW (yardstick)" "1x2" "-" "-" "$WALL" "$PEAK_MB" $(score "$BENCH_DIR/fasttext-yardstick.vec")
  YARDSTICK_WPS=$(python3 -c "print(round($CORPUS_TOKENS * $YARDSTICK_EPOCHS / $WALL))")
fi

echo
echo "GloVe on $CORPUS_TOKENS tokens: min-count 5, window 10, dim 100, x-max 100, $EPOCHS epochs, $THREADS threads"
echo "count_s: co-occurrence counting ((L): loaded from a saved matrix; GloVe C: cooccur + shuffle);"
echo "train_s: training; wall_s and peak_MB: the whole command (start-up, corpus reading, output included)"
printf "$FORMAT\n" system workers count_s train_s wall_s peak_MB analogy% ws353
printf '%s\n' "${ROWS[@]}"
if [ -n "${YARDSTICK_WPS:-}" ]; then
  echo "fastText CBOW today: $YARDSTICK_WPS words/s ($YARDSTICK_EPOCHS epoch(s)); docs/benchmarks.md's figure on the full corpus:" \
    "$README_FASTTEXT_CBOW_WPS words/s (1 epoch): machine speed today $(python3 -c \
    "print(f'{$YARDSTICK_WPS / $README_FASTTEXT_CBOW_WPS:.2f}')")x then"
fi
first=${WORKERS_LIST%% *}
python3 -c "
ours = $(manifest_metric "$BENCH_DIR/glove-$first" trainingSeconds) / $EPOCHS
ref = $REF_TRAIN_S / $REF_EPOCHS
print(f'training per epoch, N=$first: {ours:.1f} s; $REF_NAME {ref:.1f} s: {ours / ref:.2f}x (comparable on the full corpus only)')"
echo
echo "analogy% on the questions every GloVe run answers (their common top-30000 words; bench/same-questions.py):"
same_questions glove "${GLOVE_VECTORS[@]}"
