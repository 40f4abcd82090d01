#!/usr/bin/env bash
# bench/finetune-benchmark.sh VECTORS
#
# Downstream benchmark of a set of word vectors (a vector file, or a word2vec output directory): runs
# `embeddings finetune --compare` (random / static / fine-tune initialisation) on
#   sst2   SST-2 train -> dev                                   (classification, CNN)
#   mr     MR rt-polarity, fixed 90/10 split (every 10th line is dev) (classification, CNN)
#   conll  CoNLL-2003 NER eng.train -> eng.testa                (ner, BiLSTM-CRF or BiLSTM, IOB1 input)
# and prints one table of dev scores (accuracy for classification, entity F1 for NER, in %).
#
# Environment:
#   SHARED_DATA     the shared data directory (default: ../shared beside the repository)
#   BENCH_TASKS     which of "sst2 mr conll" to run (default: all three)
#   BENCH_OUT       where split files and outputs go (default: /tmp/finetune-bench)
#   BENCH_CLASSIFIER the sst2/mr model: cnn (default) or average (the averaged-vectors baseline, ~10x faster)
#   BENCH_TAGGER    the conll model: crf (default; BiLSTM-CRF with a character CNN) or bilstm (softmax per token)
#   FINETUNE_ARGS   extra finetune options, e.g. "--epochs 5 --workers 2" (default: none, i.e. 20 epochs)
# Not a test: on a loaded 2-core machine a CNN epoch takes ~4-6 min (SST-2, MR) and a BiLSTM epoch on CoNLL longer;
# the averaged model ~0.5-1 min per epoch. The table gives each task's wall time (all three modes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: $0 VECTORS   (a vector file or a word2vec output directory)" >&2
  exit 2
fi
VECTORS="$1"
SHARED="${SHARED_DATA:-$ROOT/../shared}"
DATA="$SHARED/data"
if [ ! -d "$DATA" ]; then
  echo "$0: shared data directory $DATA not found: this benchmark needs the shared data sets" \
       "(SST-2, MR, CoNLL-2003); set SHARED_DATA to the directory holding data/" >&2
  exit 1
fi
if [ ! -e "$VECTORS" ]; then
  echo "$0: vectors $VECTORS not found" >&2
  exit 1
fi
OUT="${BENCH_OUT:-/tmp/finetune-bench}"
TASKS="${BENCH_TASKS:-sst2 mr conll}"
EMBEDDINGS="$ROOT/submit-scripts/embeddings"
mkdir -p "$OUT"

# shellcheck disable=SC2086
finetune() {
  local name="$1"; shift
  echo "== $name" >&2
  local start=$SECONDS
  "$EMBEDDINGS" finetune --vectors "$VECTORS" --compare --overwrite --output "$OUT/$name" "$@" \
    ${FINETUNE_ARGS:-} | tee "$OUT/$name.txt"
  echo $((SECONDS - start)) > "$OUT/$name.seconds"
}
CLASSIFIER="${BENCH_CLASSIFIER:-cnn}"
TAGGER="${BENCH_TAGGER:-crf}"

for task in $TASKS; do
  case "$task" in
    sst2)
      finetune sst2 --task classification --model "$CLASSIFIER" --train "$DATA/classification/sst2/train.tsv" \
        --dev "$DATA/classification/sst2/dev.tsv" ;;
    mr)
      zcat "$DATA/classification/mr/rt-polarity.tsv.gz" | awk -v train="$OUT/mr-train.tsv" -v dev="$OUT/mr-dev.tsv" \
        'NR % 10 == 0 { print > dev; next } { print > train }'
      finetune mr --task classification --model "$CLASSIFIER" --train "$OUT/mr-train.tsv" --dev "$OUT/mr-dev.tsv" ;;
    conll)
      zcat "$DATA/ner/conll2003/eng.train.gz" > "$OUT/eng.train"
      finetune conll --task ner --model "$TAGGER" --tag-scheme iob1 --train "$OUT/eng.train" \
        --dev "$DATA/ner/conll2003/eng.testa" ;;
    *)
      echo "$0: unknown task '$task' in BENCH_TASKS (sst2, mr, conll)" >&2
      exit 2 ;;
  esac
done

echo
echo "dev scores (%): accuracy for sst2/mr ($CLASSIFIER), entity F1 for conll ($TAGGER); vectors: $VECTORS"
python3 - "$OUT" $TASKS <<'PY'
import json, sys
out, tasks = sys.argv[1], sys.argv[2:]
modes = ["random", "static", "fine-tune"]
print("%-8s" % "task" + "".join("%12s" % m for m in modes) + "%12s" % "wall s")
for task in tasks:
    with open(f"{out}/{task}/compare.json") as f:
        comparison = json.load(f)
    cells = []
    for m in modes:
        dev = comparison[m]["dev"]
        cells.append(100 * (dev["f1"] if "f1" in dev else dev["accuracy"]))
    with open(f"{out}/{task}.seconds") as f:
        seconds = int(f.read())
    print("%-8s" % task + "".join("%12.2f" % c for c in cells) + "%12d" % seconds)
PY
