#!/usr/bin/env bash
# Subword vectors (issue #25): this project's `word2vec --maxn 6` (1 and 2 workers) beside fastText's own subword
# training on the ~20 M-token benchmark corpus, same settings (skip-gram, dim 100, window 5, negative 5, sample 1e-4,
# min-count 5, negatives from counts^0.5, character n-grams 3-6 hashed into 2,000,000 buckets, 5 epochs, 2 threads),
# over several seeds.
# Each run is scored by bench/subword_eval.py: analogies (semantic and syntactic), WordSim-353 with and without
# composed vectors for unseen words, and the rare-word set (morphological analogies with a word seen fewer than 20
# times) with its coverage and accuracy with and without composed vectors. Prints each score's mean and spread per system, then
# words/s and the ratios; raw scores go to subword-benchmark.jsonl.
# Two workers keep one replica each (--replica-per worker) and average them, as two executors would.
# By default each system reads the sentences in its own order: fastText the file's, this project its shuffled shards.
# SAME_ORDER=1 gives both one order: a shuffled copy of the corpus, which fastText reads as it reads any file and this
# project reads in the copy's order (`corpus --order input`), so differences left are the trainers', not the order's.
#
# Usage: bench/subword-benchmark.sh [skipgram|cbow]      (default: skipgram)
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), MAX_TOKENS (smaller corpus for a quick run),
#        EPOCHS (default 5), SEEDS (default "1 2 3"), WORKERS_LIST (default "1 2"), SKIP_PEERS=1 (only this project),
#        OURS_ARGS (extra word2vec options for this project's runs), RESULTS (default $BENCH_DIR/subword-benchmark.jsonl),
#        SAME_ORDER=1 (both systems on one shuffled copy, in its order).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
MODEL="${1:-skipgram}"
EPOCHS="${EPOCHS:-5}"
SEEDS="${SEEDS:-1 2 3}"
WORKERS_LIST="${WORKERS_LIST:-1 2}"
require_packages fasttext # composes the unseen words' vectors for every system, not only to train the peer
prepare_corpus
CORPUS_DIR="$BENCH_DIR/quality-corpus${MAX_TOKENS:+-$MAX_TOKENS}"
ORDER_ARGS=()
if [ -n "${SAME_ORDER:-}" ]; then
  SHUFFLED_TXT="${CORPUS_TXT%.txt}-shuffled.txt"
  if [ ! -s "$SHUFFLED_TXT" ]; then # written aside and renamed, so an interrupted run leaves no partial copy to reuse
    python3 -c '
import random, sys
lines = open(sys.argv[1], encoding="utf-8").readlines()
random.Random(7).shuffle(lines)
open(sys.argv[2], "w", encoding="utf-8").writelines(lines)' "$CORPUS_TXT" "$SHUFFLED_TXT.partial"
    mv "$SHUFFLED_TXT.partial" "$SHUFFLED_TXT"
  fi
  CORPUS_TXT=$SHUFFLED_TXT
  CORPUS_DIR="$CORPUS_DIR-shuffled-copy"
  ORDER_ARGS=(--order input)
fi
[ -f "$CORPUS_DIR/manifest.json" ] ||
  timed quality-corpus "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$CORPUS_DIR" --shards 2 \
    "${ORDER_ARGS[@]}" --overwrite
RESULTS="${RESULTS:-$BENCH_DIR/subword-benchmark.jsonl}"
read -r -a OURS_EXTRA <<< "${OURS_ARGS:-}"
: > "$RESULTS"

# record SYSTEM SEED VECTORS MODEL_BIN: scores the run and appends a line (with its words/s) to $RESULTS.
record() {
  python3 "$ROOT/bench/subword_eval.py" "$SHARED" "$CORPUS_TXT" "$3" "$4" | python3 -c '
import json, sys
r = json.load(sys.stdin)
r.update(system=sys.argv[1], seed=int(sys.argv[2]), wall=float(sys.argv[3]),
         wordsPerSecond=int(sys.argv[4]) * int(sys.argv[5]) / float(sys.argv[3]))
print(json.dumps(r))' "$1" "$2" "$WALL" "$CORPUS_TOKENS" "$EPOCHS" >> "$RESULTS"
  echo "$1 seed $2: $(tail -1 "$RESULTS" | cut -c1-200)" >&2
}

for seed in $SEEDS; do
  for workers in $WORKERS_LIST; do
    out="$BENCH_DIR/sw-ours-$workers-$seed"
    timed "sw-ours-$workers-$seed" "$EMBEDDINGS" word2vec --corpus "$CORPUS_DIR" --output "$out" --model "$MODEL" \
      --minn 3 --maxn 6 --buckets 2000000 --epochs "$EPOCHS" --workers "$workers" --threads $((2 / workers)) \
      --replica-per worker --seed "$seed" "${OURS_EXTRA[@]}" --overwrite
    record "embeddings-dev N=$workers${OURS_ARGS:+ $OURS_ARGS}" "$seed" "$out/vectors.bin" "$out/model.bin"
    rm -rf "$out"
  done
  [ -z "${SKIP_PEERS:-}" ] || continue
  out="$BENCH_DIR/sw-fasttext-$seed"
  timed "sw-fasttext-$seed" fasttext "$MODEL" -input "$CORPUS_TXT" -output "$out" -dim 100 -ws 5 -neg 5 -t 1e-4 \
    -minCount 5 -minn 3 -maxn 6 -bucket 2000000 -epoch "$EPOCHS" -thread 2 -seed "$seed" -verbose 1
  record "fastText" "$seed" "$out.vec" "$out.bin"
  rm -f "$out.vec" "$out.bin"
done

python3 - "$RESULTS" "$MODEL" <<'PY'
import json, statistics, sys
from collections import defaultdict
rows = [json.loads(line) for line in open(sys.argv[1])]
metrics = [("analogy", "semantic", "analogy semantic %", 100), ("analogy", "syntactic", "analogy syntactic %", 100),
           ("analogy", "coverage", "analogy coverage %", 100),
           ("wordsim353", "spearman", "WS-353 (covered pairs)", 1),
           ("wordsim353", "spearmanComposed", "WS-353 (all pairs, composed)", 1),
           ("rareSyntactic", "coverage", "rare-word set: coverage without composing %", 100),
           ("rareSyntactic", "coverageComposed", "rare-word set: coverage composing unseen question words %", 100),
           ("rareSyntactic", "accuracyAll", "rare-word set: accuracy, unseen words unanswered %", 100),
           ("rareSyntactic", "accuracyComposed", "rare-word set: accuracy, unseen words composed %", 100),
           (None, "wordsPerSecond", "words/s", 1)]
groups = defaultdict(list)
for r in rows:
    groups[r["system"]].append(r)
systems = list(groups)
value = lambda r, group, key: r[key] if group is None else r[group][key]
def cell(system, group, key, scale):
    xs = [scale * value(r, group, key) for r in groups[system]]
    spread = f" ± {statistics.stdev(xs):.{0 if key == 'wordsPerSecond' else 3}f}" if len(xs) > 1 else ""
    return f"{statistics.mean(xs):,.{0 if key == 'wordsPerSecond' else 3}f}{spread}"
print(f"\n{sys.argv[2]} with subwords (n-grams 3-6, 2 M buckets): mean over seeds (± sample s.d.; "
      f"{len(groups[systems[0]])} seeds); rare-word set: {rows[0]['rareSyntactic']['questions']} questions")
print("| score | " + " | ".join(systems) + " |")
print("|---" * (len(systems) + 1) + "|")
for group, key, label, scale in metrics:
    print(f"| {label} | " + " | ".join(cell(s, group, key, scale) for s in systems) + " |")
if "fastText" in groups:
    ft = statistics.mean(r["wordsPerSecond"] for r in groups["fastText"])
    for s in systems:
        if s != "fastText":
            print(f"words/s ratio, {s} / fastText: {statistics.mean(r['wordsPerSecond'] for r in groups[s]) / ft:.2f}")
PY
