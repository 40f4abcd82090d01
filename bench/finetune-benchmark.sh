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
# stopping on THREADS threads, once per seed in SEEDS. Prints, per task and mode: seconds per training epoch of each
# and their ratio, and each one's best dev score (accuracy for classification, entity F1 for NER, in %) with the
# epoch it came at: means over the seeds, with the sample standard deviation when there are several.
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
#   SEEDS            seeds, each a full run of both systems (default: 1); outputs go to $BENCH_OUT/seed-S
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
SEEDS="${SEEDS:-1}"
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

# ours SEED NAME FINETUNE-OPTIONS...: this project, all three modes, into $OUT/seed-SEED/NAME.
# shellcheck disable=SC2086
ours() {
  local seed="$1" name="$2"; shift 2
  echo "== $name, seed $seed: embeddings-dev" >&2
  "$EMBEDDINGS" finetune --vectors "$VECTORS" --compare --overwrite --output "$OUT/seed-$seed/$name" \
    --threads "$THREADS" --epochs "$EPOCHS" --patience "$EPOCHS" --seed "$seed" "$@" ${FINETUNE_ARGS:-} \
    > "$OUT/seed-$seed/$name.txt"
}

# reference SEED NAME TORCH-OPTIONS...: the PyTorch reference, all three modes, into $OUT/seed-SEED/NAME.torch.jsonl.
reference() {
  local seed="$1" name="$2"; shift 2
  : > "$OUT/seed-$seed/$name.torch.jsonl"
  [ "$PYTORCH" != 0 ] || return 0
  local mode
  for mode in random static fine-tune; do
    echo "== $name, seed $seed: PyTorch, $mode" >&2
    /usr/bin/python3 "$ROOT/bench/torch_finetune.py" --vectors "$VECTOR_FILE" --mode "$mode" --epochs "$EPOCHS" \
      --threads "$THREADS" --seed "$seed" "$@" >> "$OUT/seed-$seed/$name.torch.jsonl"
  done
}

for seed in $SEEDS; do
  mkdir -p "$OUT/seed-$seed"
  for task in $TASKS; do
    case "$task" in
      sst2)
        set -- --train "$DATA/classification/sst2/train.tsv" --dev "$DATA/classification/sst2/dev.tsv"
        ours "$seed" sst2 --task classification --model "$CLASSIFIER" "$@"
        [ "$CLASSIFIER" != cnn ] || reference "$seed" sst2 --task classification "$@" ;;
      mr)
        zcat "$DATA/classification/mr/rt-polarity.tsv.gz" | awk -v train="$OUT/mr-train.tsv" -v dev="$OUT/mr-dev.tsv" \
          'NR % 10 == 0 { print > dev; next } { print > train }'
        set -- --train "$OUT/mr-train.tsv" --dev "$OUT/mr-dev.tsv"
        ours "$seed" mr --task classification --model "$CLASSIFIER" "$@"
        [ "$CLASSIFIER" != cnn ] || reference "$seed" mr --task classification "$@" ;;
      conll)
        zcat "$DATA/ner/conll2003/eng.train.gz" > "$OUT/eng.train"
        set -- --train "$OUT/eng.train" --dev "$DATA/ner/conll2003/eng.testa"
        ours "$seed" conll --task ner --model "$TAGGER" --tag-scheme iob1 "$@"
        # shellcheck disable=SC2086
        reference "$seed" conll --task ner --iob1 $TORCH_TAGGER "$@" ;;
      *)
        echo "$0: unknown task '$task' in BENCH_TASKS (sst2, mr, conll)" >&2
        exit 2 ;;
    esac
  done
done

echo
echo "vectors: $VECTORS; $EPOCHS epochs, $THREADS thread(s), seeds $SEEDS; sst2/mr: $CLASSIFIER (accuracy %),"
echo "conll: $TAGGER (entity F1 %); s/epoch = training seconds per epoch; best dev (mean epoch of it); ± = sample s.d."
python3 - "$OUT" "$SEEDS" $TASKS <<'PY'
import json, statistics, sys
out, seeds, tasks = sys.argv[1], sys.argv[2].split(), sys.argv[3:]

def spread(values, scale=1.0, digits=2):
    mean = scale * statistics.mean(values)
    if len(values) < 2:
        return "%.*f" % (digits, mean)
    return "%.*f ± %.*f" % (digits, mean, digits, scale * statistics.stdev(values))

def best(runs):  # runs: [(seconds per epoch, best dev, its epoch)] over seeds
    return "%s (%.1f)" % (spread([r[1] for r in runs], 100), statistics.mean(r[2] for r in runs))

print("| task | mode | ours s/epoch | PyTorch s/epoch | ratio | ours best dev | PyTorch best dev |")
print("|---|---|---|---|---|---|---|")
for task in tasks:
    for mode in ["random", "static", "fine-tune"]:
        ours, reference = [], []
        for seed in seeds:
            with open(f"{out}/seed-{seed}/{task}/{mode}/report.json") as f:
                t = json.load(f)["training"]
            ours.append((t["mean_epoch_seconds"], t["best_dev_score"], t["best_epoch"]))
            with open(f"{out}/seed-{seed}/{task}.torch.jsonl") as f:
                epochs = [r for r in map(json.loads, f) if r["mode"] == mode]
            if epochs:
                top = max(epochs, key=lambda r: r["dev"].get("f1", r["dev"].get("accuracy")))
                reference.append((statistics.mean(r["train_seconds"] for r in epochs),
                                  top["dev"].get("f1", top["dev"].get("accuracy")), top["epoch"]))
        ours_s = statistics.mean(r[0] for r in ours)
        if reference:
            torch_s = statistics.mean(r[0] for r in reference)
            cells = [spread([r[0] for r in reference], digits=1), "%.2f×" % (ours_s / torch_s), best(reference)]
        else:
            cells = ["–", "–", "–"]
        print("| %s | %s | %s | %s | %s | %s | %s |" % (task, mode, spread([r[0] for r in ours], digits=1),
                                                      cells[0], cells[1], best(ours), cells[2]))
PY
