#!/usr/bin/env python3
"""The evaluation suite's table: per model, each system's mean and sample s.d. over its seeds on every score of
bench/eval_suite.py, and each system's mean rank over the sets.

Reads the raw scores bench/quality-suite.sh writes (one JSON object per line, with system, model, seed and wall);
several files combine runs of the same script (for instance this project's rows at new defaults beside the peers'
rows of an earlier run), each system named as its rows name it.

usage: suite_table.py RESULTS.jsonl...
"""
import json, statistics, sys
from collections import defaultdict
rows = [json.loads(line) for path in sys.argv[1:] for line in open(path)]
metrics = ["analogy3CosAdd", "analogy3CosMul"] + ["sim:" + name for name in rows[0]["similarity"]] + ["similarityMean"]
def value(r, m):
    return r["similarity"][m[4:]] if m.startswith("sim:") else r[m]
groups = defaultdict(list)
for r in rows:
    groups[(r["model"], r["system"])].append(r)
for model in sorted({r["model"] for r in rows}):
    systems = [s for (m, s) in groups if m == model]
    means = {s: {m: statistics.mean(value(r, m) for r in groups[(model, s)]) for m in metrics} for s in systems}
    print(f"\n{model}: mean over seeds (± sample s.d.; {len(groups[(model, systems[0])])} seeds)")
    print("| set | " + " | ".join(systems) + " |")
    print("|---" * (len(systems) + 1) + "|")
    for m in metrics:
        cells = []
        for s in systems:
            values = [value(r, m) for r in groups[(model, s)]]
            sd = statistics.stdev(values) if len(values) > 1 else 0.0
            scale, unit = (100, "%") if m.startswith("analogy") else (1, "")
            cells.append(f"{scale * means[s][m]:.3f}{unit} ± {scale * sd:.3f}")
        print(f"| {m.replace('sim:', '')} | " + " | ".join(cells) + " |")
    sets = [m for m in metrics if m != "similarityMean"]
    ranks = defaultdict(list)
    for m in sets:
        for rank, s in enumerate(sorted(systems, key=lambda s: -means[s][m]), 1):
            ranks[s].append(rank)
    print("| mean rank over the sets | " + " | ".join(f"{statistics.mean(ranks[s]):.2f}" for s in systems) + " |")
    print("| wall s, mean (the machine may be shared) | " + " | ".join(
        f"{statistics.mean(r['wall'] for r in groups[(model, s)]):.1f}" for s in systems) + " |")
