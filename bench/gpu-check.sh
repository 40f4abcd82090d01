#!/usr/bin/env bash
# The GPU check: run on a node with an NVIDIA GPU to measure the nd4j backend on CUDA. Takes the CUDA build
# (CUDA_JAR, or builds it with `mvn -B -Pcuda package -DskipTests`), prepares a corpus, trains skip-gram and CBOW
# with --backend nd4j for a fixed number of words, and prints words/s, the GPU memory used (peak of nvidia-smi's
# memory.used while training) and the evaluator's scores. Budget: 8 minutes after the build; each training is
# stopped at the time left. Exits 2 at once, before any work, where there is no usable GPU.
#
# Usage: bench/gpu-check.sh
# Env:   CUDA_JAR (a jar built with -Pcuda; default: build one), WORDS (training words per model, default
#        20,000,000), EMBEDDINGS_SHARED (the shared corpora and evaluator; default ../shared: with it the corpus
#        is the benchmark corpus cut to WORDS tokens and the scores are on Google analogies and WordSim-353;
#        without it data-samples/planted.txt.gz, repeated by epochs, and the planted analogies), THREADS
#        (trainer threads on the GPU, default 2), BENCH_DIR (default /tmp/embeddings-bench), NVIDIA_SMI.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
NVIDIA_SMI="${NVIDIA_SMI:-nvidia-smi}"
WORDS="${WORDS:-20000000}"
THREADS="${THREADS:-2}"
BUDGET_SECONDS=480
OUT="$BENCH_DIR/gpu-check"

fail() { echo "gpu-check: $*" >&2; exit 2; }

# 1. A GPU, before anything heavy.
command -v "$NVIDIA_SMI" >/dev/null 2>&1 \
  || fail "no $NVIDIA_SMI on PATH: this check needs a node with an NVIDIA GPU and its driver (CUDA 11.6 needs driver >= 450.80.02 on Linux)"
gpus="$("$NVIDIA_SMI" --query-gpu=index,name,memory.total,driver_version --format=csv,noheader 2>&1)" \
  || fail "$NVIDIA_SMI failed: $gpus"
[ -n "$gpus" ] || fail "$NVIDIA_SMI lists no GPU on this node"
echo "GPUs (index, name, memory, driver):" >&2
echo "$gpus" >&2
mkdir -p "$OUT"

# 2. The CUDA build.
if [ -z "${CUDA_JAR:-}" ]; then
  echo "building the CUDA jar (mvn -Pcuda package; downloads ~600 MB of ND4J CUDA natives once)" >&2
  (cd "$ROOT" && mvn -B -q -Pcuda package -DskipTests)
  CUDA_JAR="$OUT/embeddings-cuda.jar"
  cp "$ROOT/spark-jobs/target/embeddings.jar" "$CUDA_JAR"
fi
[ -f "$CUDA_JAR" ] || fail "CUDA_JAR=$CUDA_JAR does not exist"
python3 -c 'import sys, zipfile
sys.exit(not any(n.startswith("org/nd4j/linalg/jcublas/") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' \
  "$CUDA_JAR" 2>/dev/null \
  || fail "$CUDA_JAR has no ND4J CUDA backend (org/nd4j/linalg/jcublas); build it with mvn -B -Pcuda package -DskipTests"
START=$SECONDS

# 3. The corpus and evaluation sets.
if [ -f "$SHARED/bench/prepare_corpus.py" ]; then
  MAX_TOKENS="$WORDS" prepare_corpus
  TEXT="$CORPUS_TXT"; EPOCHS=1
  EVAL=("${EVAL_SETS[@]}")
else
  echo "no $SHARED: using data-samples/planted.txt.gz and its planted analogies" >&2
  TEXT="$ROOT/data-samples/planted.txt.gz"
  tokens=$(gzip -dc "$TEXT" | wc -w)
  EPOCHS=$(( (WORDS + tokens - 1) / tokens ))
  EVAL=(--analogy "$ROOT/data-samples/planted-analogies.txt" --similarity "$ROOT/data-samples/planted-similarity.tsv")
fi
EMBEDDINGS_JAR="$CUDA_JAR" "$EMBEDDINGS" corpus --input "$TEXT" --output "$OUT/corpus" --overwrite \
  > "$OUT/corpus.log" 2>&1 || fail "the corpus job failed; see $OUT/corpus.log"

# 4. Skip-gram and CBOW on the GPU, sampling its memory while each trains.
printf '%-9s %12s %8s %12s %10s %9s %9s\n' model words "wall s" "words/s" "GPU MiB" "analogy" "similarity"
for model in skipgram cbow; do
  left=$(( BUDGET_SECONDS - (SECONDS - START) ))
  [ "$left" -gt 30 ] || fail "the 8-minute budget is used up before $model"
  ( peak=0
    while true; do
      used=$("$NVIDIA_SMI" --query-gpu=memory.used --format=csv,noheader,nounits | sort -n | tail -1)
      [ "${used:-0}" -gt "$peak" ] && peak=$used && echo "$peak" > "$OUT/$model.gpu-mib"
      sleep 1
    done ) &
  sampler=$!
  began=$SECONDS
  status=0
  EMBEDDINGS_JAR="$CUDA_JAR" timeout "$left" "$EMBEDDINGS" word2vec --corpus "$OUT/corpus" --output "$OUT/$model" \
    --model "$model" --backend nd4j --workers 1 --threads "$THREADS" --epochs "$EPOCHS" --overwrite \
    > "$OUT/$model.log" 2>&1 || status=$?
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  [ "$status" -eq 0 ] || fail "$model training failed or ran out of time (status $status); see $OUT/$model.log"
  read -r words wps < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["metrics"]
print(m["wordsTrained"], round(m["wordsPerSecond"]))' "$OUT/$model/manifest.json")
  EMBEDDINGS_JAR="$CUDA_JAR" "$EMBEDDINGS" evaluate --vectors "$OUT/$model" "${EVAL[@]}" --json \
    > "$OUT/$model.eval.json" 2> "$OUT/$model.eval.log" || fail "evaluation failed; see $OUT/$model.eval.log"
  read -r analogy similarity < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
a=next(iter(r["analogy"].values())); s=next(iter(r["similarity"].values()))
print("%.1f %.3f" % (100 * a["accuracy"], s["spearman"]))' "$OUT/$model.eval.json")
  printf '%-9s %12s %8s %12s %10s %9s %9s\n' "$model" "$words" "$((SECONDS - began))" "$wps" \
    "$(cat "$OUT/$model.gpu-mib" 2>/dev/null || echo '?')" "$analogy" "$similarity"
done
grep -h "nd4j backend on" "$OUT"/skipgram.log | head -1 >&2 || true
echo "(target: skip-gram >= 10,000,000 words/s on one data-centre GPU, analogy within 1 point of --backend jvm;" \
  "logs and vectors in $OUT)" >&2
