#!/usr/bin/env bash
# Word2vec side by side: this project (skip-gram and CBOW, 1 and 2 workers), fastText, gensim and Spark MLlib's
# Word2Vec on the same corpus and settings (dim 100, window 5, negative 5, sample 1e-4, min-count 5, 5 epochs,
# 2 threads), run one after another and scored by ../shared/bench/evaluate_vectors.py. Prints a table and ratios,
# then each model's analogy accuracy on the questions every system answers (bench/same-questions.py).
#
# This project runs as it does by default, on shards in shuffled order, with 1 and 2 workers; and with 1 worker on
# the sentences in the file's order (`corpus --order input`), the order the peers read, so that one row compares
# the algorithms on the very same sequence of sentences. Two workers keep one replica each (`--replica-per worker`)
# and average them, as two executors of a cluster would: in this one JVM they would otherwise share one replica.
#
# Usage: bench/word2vec-benchmark.sh [skipgram|cbow]...      (default: both)
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), MAX_TOKENS (smaller corpus for a quick run),
#        EPOCHS (default 5), MLLIB_EPOCHS (default 1: MLlib is slow; its words/s is per epoch anyway),
#        SKIP_PEERS=1 (only this project).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
MODELS=("${@:-skipgram}")
[ $# -gt 0 ] || MODELS=(skipgram cbow)
EPOCHS="${EPOCHS:-5}"
MLLIB_EPOCHS="${MLLIB_EPOCHS:-1}"

[ -n "${SKIP_PEERS:-}" ] || require_packages fasttext python3-gensim
prepare_corpus
echo "corpus: $CORPUS_TXT, $CORPUS_TOKENS tokens; $EPOCHS epochs" >&2

timed corpus "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$BENCH_DIR/corpus-dir" --shards 2 --overwrite
echo "corpus job: ${WALL} s, $((CORPUS_TOKENS / ${WALL%.*})) tokens/s, peak ${PEAK_MB} MB" >&2
timed corpus-input "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$BENCH_DIR/corpus-input" --shards 1 \
  --order input --overwrite

ROWS=()
SCORED=() # model, vector file, model, vector file, ...: every file scored, for the same-questions table
row() { # SYSTEM MODEL EPOCHS VECTORS
  SCORED+=("$2" "$4")
  local words_per_s; words_per_s=$(python3 -c "print(round($CORPUS_TOKENS * $3 / $WALL))")
  ROWS+=("$(printf '%-32s %-9s %6s %8s %10s %7s %6s %7s' "$1" "$2" "$3" "$WALL" "$words_per_s" $(score "$4") "$PEAK_MB")")
  echo "${ROWS[-1]}" >&2
  eval "WPS_${1//[^a-zA-Z0-9]/_}_$2=$words_per_s"
}

GENSIM='
import sys
from gensim.models import Word2Vec
corpus, out, sg, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
m = Word2Vec(corpus_file=corpus, vector_size=100, window=5, negative=5, sample=1e-4, min_count=5, epochs=epochs,
             workers=2, sg=sg, hs=0)
m.wv.save_word2vec_format(out, binary=True)'

for model in "${MODELS[@]}"; do
  for run in "1 shuffled" "2 shuffled" "1 input"; do
    read -r workers order <<< "$run"
    corpus=corpus-dir label="N=$workers" name="ours-$model-$workers"
    [ "$order" = shuffled ] || corpus=corpus-input label="N=$workers file order" name="ours-$model-$workers-input"
    timed "$name" "$EMBEDDINGS" word2vec --corpus "$BENCH_DIR/$corpus" --output "$BENCH_DIR/$name" \
      --model "$model" --epochs "$EPOCHS" --workers "$workers" --threads $((2 / workers)) --replica-per worker \
      --overwrite
    row "embeddings-dev $label" "$model" "$EPOCHS" "$BENCH_DIR/$name/vectors.bin"
  done
  [ -z "${SKIP_PEERS:-}" ] || continue
  timed "fasttext-$model" fasttext "$model" -input "$CORPUS_TXT" -output "$BENCH_DIR/fasttext-$model" -dim 100 -ws 5 \
    -neg 5 -t 1e-4 -minCount 5 -epoch "$EPOCHS" -thread 2 -minn 0 -maxn 0 -verbose 1
  row "fastText" "$model" "$EPOCHS" "$BENCH_DIR/fasttext-$model.vec"
  timed "gensim-$model" /usr/bin/python3 -c "$GENSIM" "$CORPUS_TXT" "$BENCH_DIR/gensim-$model.bin" \
    "$([ "$model" = skipgram ] && echo 1 || echo 0)" "$EPOCHS"
  row "gensim" "$model" "$EPOCHS" "$BENCH_DIR/gensim-$model.bin"
done

if [ -z "${SKIP_PEERS:-}" ] && [[ " ${MODELS[*]} " == *" skipgram "* ]]; then
  runtime="$ROOT/spark-runtime/target/spark-home"
  opens="$(sed -n 's/^spark\.driver\.extraJavaOptions[[:space:]]*//p' "$ROOT/conf/spark-defaults.conf")"
  # shellcheck disable=SC2086
  timed mllib java -Xmx8g $opens -Dspark.master='local[2]' -Dlog4j.configurationFile="file:$ROOT/conf/log4j2.properties" \
    -cp "$runtime/jars/*:$ROOT/spark-jobs/target/embeddings.jar" dev.embeddings.bench.MllibWord2VecBaseline \
    "$CORPUS_TXT" "$BENCH_DIR/mllib.txt" 100 5 5 "$MLLIB_EPOCHS" 2
  row "Spark MLlib (sg+hs)" skipgram "$MLLIB_EPOCHS" "$BENCH_DIR/mllib.txt"
fi

echo
echo "word2vec on $CORPUS_TOKENS tokens, 2 threads; words/s = tokens x epochs / wall time of the whole command;"
echo "this project's sentences shuffled (its default) unless the row says file order; the peers' in the file's order"
printf '%-32s %-9s %6s %8s %10s %7s %6s %7s\n' system model epochs wall_s words/s analogy% ws353 peak_MB
printf '%s\n' "${ROWS[@]}"
if [ -z "${SKIP_PEERS:-}" ]; then
  for model in "${MODELS[@]}"; do
    ours="WPS_embeddings_dev_N_1_$model"; ft="WPS_fastText_$model"; gs="WPS_gensim_$model"
    python3 -c "print(f'$model speed ratio, ours N=1: {${!ours}/${!ft}:.2f}x fastText, {${!ours}/${!gs}:.2f}x gensim')"
  done
  if [ -n "${WPS_Spark_MLlib__sg_hs__skipgram:-}" ]; then
    python3 -c "print(f'skipgram speed ratio, ours N=1: {$WPS_embeddings_dev_N_1_skipgram/$WPS_Spark_MLlib__sg_hs__skipgram:.2f}x Spark MLlib')"
  fi
fi
echo
echo "analogy% on the questions every system answers (their common top-30000 words; bench/same-questions.py):"
for model in "${MODELS[@]}"; do
  files=()
  for ((i = 0; i < ${#SCORED[@]}; i += 2)); do
    [ "${SCORED[i]}" != "$model" ] || files+=("${SCORED[i + 1]}")
  done
  same_questions "$model" "${files[@]}"
done
