#!/usr/bin/env bash
# Our `evaluate` against the independent ../shared/bench/evaluate_vectors.py on the same vector file and sets:
# prints both figures and their difference in points, and fails if analogy accuracy or WS353 Spearman differ by
# more than 0.1 points. Usage: bench/evaluator-agreement.sh VECTORS_FILE
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_shared
require_build
vectors="${1:?usage: bench/evaluator-agreement.sh VECTORS_FILE}"
ours=$("$EMBEDDINGS" evaluate --vectors "$vectors" "${EVAL_SETS[@]}" --json 2>/dev/null)
theirs=$(python3 "$SHARED/bench/evaluate_vectors.py" "$vectors" "${EVAL_SETS[@]}" --json)
python3 - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
rows, worst = [], 0.0
for name, a in ours["analogy"].items():
    t = theirs["analogy:" + name]
    for key in ("accuracy", "semantic", "syntactic", "coverage"):
        rows.append((name, key, a[key], t[key]))
for name, s in ours["similarity"].items():
    t = theirs["similarity:" + name]
    rows.append((name, "spearman", s["spearman"], t["spearman"]))
print(f"{'set':28} {'figure':10} {'ours':>9} {'theirs':>9} {'points':>7}")
for name, key, o, t in rows:
    diff = 100 * abs(o - t)
    worst = max(worst, diff)
    print(f"{name:28} {key:10} {o:9.5f} {t:9.5f} {diff:7.3f}")
print(f"largest difference: {worst:.3f} points (limit 0.1)")
sys.exit(0 if worst <= 0.1 else 1)
PY
