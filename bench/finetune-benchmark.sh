#!/usr/bin/env bash
# bench/finetune-benchmark.sh VECTORS
#
# Downstream benchmark of a set of word vectors (a vector file, or a word2vec output directory): runs
# `embeddings finetune --compare` (random / static / fine-tune initialisation) on
#   sst2   SST-2 train -> dev                                   (classification, CNN)
#   mr     MR rt-polarity, fixed 90/10 split (every 10th line is dev) (classification, CNN)
#   conll  CoNLL-2003 NER eng.train -> eng.testa                (ner, BiLSTM-CRF or BiLSTM, IOB1 input)
# and, in the same run, bench/torch_finetune.py, a PyTorch reference of the same networks on the same files, vectors,
# tokenization, task vocabulary and hyperparameters (Debian's python3-torch). Both train EPOCHS epochs without early
# stopping on THREADS threads. Prints, per task and mode: seconds per training epoch of each and their ratio, and each
# one's best dev score (accuracy for classification, entity F1 for NER, in %) with the epoch it came at.
#
# Environment:
#   SHARED_DATA      the shared data directory (default: ../shared beside the repository)
#   BENCH_TASKS      which of "sst2 mr conll" to run (default: all three)
#   BENCH_OUT        where split files and outputs go (default: /tmp/finetune-bench)
#   BENCH_CLASSIFIER the sst2/mr model: cnn (default) or average (no PyTorch reference for it)
#   BENCH_TAGGER     the conll model: crf (default: BiLSTM-CRF with a character CNN) or bilstm (softmax per token);
#                    the PyTorch reference builds the same
#   EPOCHS           epochs for both systems (default 5)
#   THREADS          CPU threads for both systems (default 1: finetune --threads, torch.set_num_threads)
#   PYTORCH          0 to skip the PyTorch reference (default: run it)
#   FINETUNE_ARGS    extra options for this project's finetune, e.g. "--workers 2"
# Not a test, and slow: run it on a quiet machine; seconds per epoch are what it is for.
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
VECTOR_FILE="$VECTORS"
[ -d "$VECTORS" ] && VECTOR_FILE="$VECTORS/vectors.bin"
OUT="${BENCH_OUT:-/tmp/finetune-bench}"
TASKS="${BENCH_TASKS:-sst2 mr conll}"
EPOCHS="${EPOCHS:-5}"
THREADS="${THREADS:-1}"
CLASSIFIER="${BENCH_CLASSIFIER:-cnn}"
TAGGER="${BENCH_TAGGER:-crf}"
TORCH_TAGGER=""
[ "$TAGGER" != crf ] || TORCH_TAGGER="--crf --char-cnn"
PYTORCH="${PYTORCH:-1}"
if [ "$PYTORCH" != 0 ] && ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "$0: the PyTorch reference needs Debian's python3-torch (apt-get install python3-torch); PYTORCH=0 skips it" >&2
  exit 1
fi
EMBEDDINGS="$ROOT/submit-scripts/embeddings"
mkdir -p "$OUT"

# ours NAME FINETUNE-OPTIONS...: this project, all three modes, into $OUT/NAME.
# shellcheck disable=SC2086
ours() {
  local name="$1"; shift
  echo "== $name: embeddings-dev" >&2
  "$EMBEDDINGS" finetune --vectors "$VECTORS" --compare --overwrite --output "$OUT/$name" --threads "$THREADS" \
    --epochs "$EPOCHS" --patience "$EPOCHS" "$@" ${FINETUNE_ARGS:-} > "$OUT/$name.txt"
}

# reference NAME TORCH-OPTIONS...: the PyTorch reference, all three modes, into $OUT/NAME.torch.jsonl.
reference() {
  local name="$1"; shift
  : > "$OUT/$name.torch.jsonl"
  [ "$PYTORCH" != 0 ] || return 0
  local mode
  for mode in random static fine-tune; do
    echo "== $name: PyTorch, $mode" >&2
    /usr/bin/python3 "$ROOT/bench/torch_finetune.py" --vectors "$VECTOR_FILE" --mode "$mode" --epochs "$EPOCHS" \
      --threads "$THREADS" "$@" >> "$OUT/$name.torch.jsonl"
  done
}

for task in $TASKS; do
  case "$task" in
    sst2)
      set -- --train "$DATA/classification/sst2/train.tsv" --dev "$DATA/classification/sst2/dev.tsv"
      ours sst2 --task classification --model "$CLASSIFIER" "$@"
      [ "$CLASSIFIER" != cnn ] || reference sst2 --task classification "$@" ;;
    mr)
      zcat "$DATA/classification/mr/rt-polarity.tsv.gz" | awk -v train="$OUT/mr-train.tsv" -v dev="$OUT/mr-dev.tsv" \
        'NR % 10 == 0 { print > dev; next } { print > train }'
      set -- --train "$OUT/mr-train.tsv" --dev "$OUT/mr-dev.tsv"
      ours mr --task classification --model "$CLASSIFIER" "$@"
      [ "$CLASSIFIER" != cnn ] || reference mr --task classification "$@" ;;
    conll)
      zcat "$DATA/ner/conll2003/eng.train.gz" > "$OUT/eng.train"
      set -- --train "$OUT/eng.train" --dev "$DATA/ner/conll2003/eng.testa"
      ours conll --task ner --model "$TAGGER" --tag-scheme iob1 "$@"
      # shellcheck disable=SC2086
      reference conll --task ner --iob1 $TORCH_TAGGER "$@" ;;
    *)
      echo "$0: unknown task '$task' in BENCH_TASKS (sst2, mr, conll)" >&2
      exit 2 ;;
  esac
done

echo
echo "vectors: $VECTORS; $EPOCHS epochs, $THREADS thread(s); sst2/mr: $CLASSIFIER (accuracy %), conll: entity F1 %;"
echo "conll: $TAGGER; s/epoch = mean training seconds per epoch; best dev (epoch)"
python3 - "$OUT" $TASKS <<'PY'
import json, sys
out, tasks = sys.argv[1], sys.argv[2:]
print("| task | mode | ours s/epoch | PyTorch s/epoch | ratio | ours best dev | PyTorch best dev |")
print("|---|---|---|---|---|---|---|")
for task in tasks:
    reference = {}
    with open(f"{out}/{task}.torch.jsonl") as f:
        for line in f:
            r = json.loads(line)
            dev = r["dev"].get("f1", r["dev"].get("accuracy"))
            reference.setdefault(r["mode"], []).append((r["train_seconds"], dev, r["epoch"]))
    for mode in ["random", "static", "fine-tune"]:
        with open(f"{out}/{task}/{mode}/report.json") as f:
            training = json.load(f)["training"]
        ours_s = training["mean_epoch_seconds"]
        ours = "%.2f (%d)" % (100 * training["best_dev_score"], training["best_epoch"])
        epochs = reference.get(mode)
        if epochs:
            torch_s = sum(e[0] for e in epochs) / len(epochs)
            best = max(epochs, key=lambda e: e[1])
            cells = ["%.1f" % torch_s, "%.2f×" % (ours_s / torch_s), "%.2f (%d)" % (100 * best[1], best[2])]
        else:
            cells = ["–", "–", "–"]
        print("| %s | %s | %.1f | %s | %s | %s | %s |" % (task, mode, ours_s, cells[0], cells[1], ours, cells[2]))
PY
