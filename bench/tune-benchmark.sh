#!/usr/bin/env bash
# Hyper-parameter search (issue #24): `tune` by random search with successive halving against a plain grid over the
# same space, on the benchmark corpus (MAX_TOKENS for a slice). Both score trials by analogy accuracy on a dev half of
# questions-words.txt (every other question of each section); the other half, held out, scores each search's winner
# retrained from its best.properties. Prints per search the best dev objective, the trial-epochs trained, the wall
# time and the winner's held-out accuracy, then the ratios of halving to the grid.
#
# Usage: bench/tune-benchmark.sh
# Env:   BENCH_DIR (work dir, default /tmp/embeddings-bench), MAX_TOKENS (smaller corpus for a quick run),
#        EPOCHS (default 3: the last rung, and every grid point's), TRIALS (default 9), ETA (default 3),
#        GRID_POINTS (default 3), PARALLEL (default 2), DIM (default 50), SPACE (a search space file; default: lr
#        loguniform [0.005, 0.2] and window int [2, 10], a grid of 9 points).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
EPOCHS="${EPOCHS:-3}"
TRIALS="${TRIALS:-9}"
ETA="${ETA:-3}"
GRID_POINTS="${GRID_POINTS:-3}"
PARALLEL="${PARALLEL:-2}"
DIM="${DIM:-50}"
prepare_corpus
CORPUS_DIR="$BENCH_DIR/quality-corpus${MAX_TOKENS:+-$MAX_TOKENS}"
[ -f "$CORPUS_DIR/manifest.json" ] ||
  timed quality-corpus "$EMBEDDINGS" corpus --input "$CORPUS_TXT" --output "$CORPUS_DIR" --shards 2 --overwrite

# Dev and held-out halves of the analogy set: each section's questions alternately.
DEV="$BENCH_DIR/questions-words-dev.txt"
HELD_OUT="$BENCH_DIR/questions-words-heldout.txt"
awk -v dev="$DEV" -v held="$HELD_OUT" '/^:/ { print > dev; print > held; n = 0; next }
  { if (n++ % 2 == 0) print > dev; else print > held }' "$ANALOGY_SET"
if [ -z "${SPACE:-}" ]; then
  SPACE="$BENCH_DIR/tune-space.json"
  echo '{"lr": {"loguniform": [0.005, 0.2]}, "window": {"int": [2, 10]}}' > "$SPACE"
fi

SUMMARY_PY=$(cat <<'PY'
import json, sys
trials = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
top = max(t["rung"] for t in trials if t["status"] == "COMPLETED")
best = max((t for t in trials if t["status"] == "COMPLETED" and t["rung"] == top), key=lambda t: t["objective"])
print(len(trials), sum(t["epochs"] for t in trials), "%.2f" % (100 * best["objective"]),
      json.dumps(best["parameters"], separators=(",", ":")))
PY
)
declare -A ROW
for search in random grid; do
  out="$BENCH_DIR/tune-$search"
  rm -rf "$out"
  timed "tune-$search" "$EMBEDDINGS" tune --corpus "$CORPUS_DIR" --space "$SPACE" --out "$out" --search "$search" \
    --trials "$TRIALS" --eta "$ETA" --min-epochs 1 --epochs "$EPOCHS" --grid-points "$GRID_POINTS" \
    --parallel "$PARALLEL" --dim "$DIM" --analogy "$DEV"
  wall=$WALL
  read -r trials trial_epochs objective parameters < <(python3 -c "$SUMMARY_PY" "$out/trials.jsonl")
  timed "tune-$search-best" "$EMBEDDINGS" word2vec --config "$out/best.properties" --corpus "$CORPUS_DIR" \
    --output "$out/best" --overwrite
  held_out=$("$EMBEDDINGS" evaluate --vectors "$out/best" --analogy "$HELD_OUT" --json |
    python3 -c 'import json, sys; r = json.load(sys.stdin); print("%.2f" % (100 * next(iter(r["analogy"].values()))["accuracy"]))')
  ROW[$search]="$trials $trial_epochs $objective $wall $held_out $parameters"
  echo "$search: ${ROW[$search]}" >&2
done

echo "corpus: $CORPUS_TOKENS tokens; dim $DIM, $EPOCHS epochs at most, $PARALLEL trials at a time; space $(cat "$SPACE")"
printf '%-16s %7s %13s %14s %8s %18s  %s\n' search trials trial-epochs "dev objective" "wall s" "held-out accuracy" \
  "best parameters"
for search in random grid; do
  read -r trials trial_epochs objective wall held_out parameters <<< "${ROW[$search]}"
  label=$([ "$search" = random ] && echo "random+halving" || echo "grid")
  printf '%-16s %7s %13s %13s%% %8s %17s%%  %s\n' "$label" "$trials" "$trial_epochs" "$objective" "$wall" \
    "$held_out" "$parameters"
done
read -r _ r_epochs r_objective r_wall _ <<< "${ROW[random]}"
read -r _ g_epochs g_objective g_wall _ <<< "${ROW[grid]}"
python3 -c 'import sys; r, g = map(float, sys.argv[1:3]); w, gw = map(float, sys.argv[3:5]); d = float(sys.argv[5]) - float(sys.argv[6])
print("random+halving / grid: %.2f x the trial-epochs, %.2f x the wall time; dev objective %+.2f points" % (r / g, w / gw, d))' \
  "$r_epochs" "$g_epochs" "$r_wall" "$g_wall" "$r_objective" "$g_objective"
