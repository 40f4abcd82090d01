# Shared by the benchmark scripts: locations, prerequisites, timing and scoring. Source it; do not run it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${EMBEDDINGS_SHARED:-$ROOT/../shared}"
BENCH_DIR="${BENCH_DIR:-/tmp/embeddings-bench}"
EMBEDDINGS="$ROOT/submit-scripts/embeddings"
ANALOGY_SET="$SHARED/data/eval/questions-words.txt"
EVAL_SETS=(--analogy "$ANALOGY_SET" --similarity "$SHARED/data/eval/wordsim353.tsv")

require_shared() {
  if [ ! -f "$SHARED/bench/prepare_corpus.py" ]; then
    echo "benchmark skipped: $SHARED (the shared corpora and evaluator) is not here; set EMBEDDINGS_SHARED" >&2
    exit 0
  fi
}

require_build() {
  if [ ! -f "$ROOT/spark-jobs/target/embeddings.jar" ]; then
    (cd "$ROOT" && mvn -B -q package -DskipTests)
  fi
}

# require_packages PACKAGE...: installs the Debian packages (the peers) that are not installed yet.
require_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}" >&2; fi
}

# The ~20 M-token benchmark corpus, built once (MAX_TOKENS limits it for a quick run).
prepare_corpus() {
  mkdir -p "$BENCH_DIR"
  CORPUS_TXT="$BENCH_DIR/corpus${MAX_TOKENS:+-$MAX_TOKENS}.txt"
  if [ ! -s "$CORPUS_TXT" ]; then # written aside and renamed, so an interrupted run leaves no partial corpus to reuse
    python3 "$SHARED/bench/prepare_corpus.py" "$CORPUS_TXT.partial" ${MAX_TOKENS:+--max-tokens "$MAX_TOKENS"} >&2
    mv "$CORPUS_TXT.partial" "$CORPUS_TXT"
  fi
  CORPUS_TOKENS=$(wc -w < "$CORPUS_TXT")
}

# timed NAME COMMAND...: runs COMMAND, logging to $BENCH_DIR/NAME.log; sets WALL (s) and PEAK_MB.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$BENCH_DIR/$name.time" "$@" > "$BENCH_DIR/$name.log" 2>&1 || {
    echo "benchmark: $name failed; see $BENCH_DIR/$name.log" >&2; tail -5 "$BENCH_DIR/$name.log" >&2; return 1; }
  read -r WALL PEAK_KB < <(tail -1 "$BENCH_DIR/$name.time")
  PEAK_MB=$((PEAK_KB / 1024))
}

# score FILE: the independent evaluator's analogy accuracy (%) and WS353 Spearman, as "ANALOGY WS353".
SCORE_PY=$(cat <<'PY'
import json, sys
r = json.load(sys.stdin)
a = next(v for k, v in r.items() if k.startswith("analogy:"))
s = next(v for k, v in r.items() if k.startswith("similarity:"))
print("%.1f %.3f" % (100 * a["accuracy"], s["spearman"]))
PY
)
score() {
  python3 "$SHARED/bench/evaluate_vectors.py" "$1" "${EVAL_SETS[@]}" --json | python3 -c "$SCORE_PY"
}

# same_questions LABEL FILE...: each file's analogy accuracy (%) on the questions every one of them answers, by the
# evaluator's rules over the words all of them rank in their top 30000 (bench/same-questions.py); a line per file.
same_questions() {
  local label=$1; shift
  python3 "$ROOT/bench/same-questions.py" "$SHARED/bench" "$ANALOGY_SET" "$@" |
    while read -r accuracy questions file; do
      printf '%-9s %7s %6s questions  %s\n' "$label" "$accuracy" "$questions" "${file#"$BENCH_DIR"/}"
    done
}

# manifest_metric DIR KEY: a training run's figure from DIR/manifest.json (its "metrics" map).
manifest_metric() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["metrics"][sys.argv[2]])' "$1/manifest.json" "$2"
}
