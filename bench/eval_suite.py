#!/usr/bin/env python3
"""The evaluation suite: one vector file scored on every intrinsic set in the shared data, as JSON.

Analogies (questions-words.txt) by 3CosAdd (the shared evaluator's, word2vec's compute-accuracy rules) and by
3CosMul (Levy & Goldberg 2014: cosines shifted to [0, 1], argmax cos(d, b) cos(d, c) / (cos(d, a) + 0.001)) over the
same 30,000 most frequent words; Spearman's rho on every word-similarity and relatedness set in data/eval (pairs
with an unknown word skipped and counted); and the mean rho over those sets, the suite's one similarity number.

usage: eval_suite.py SHARED_DIR VECTORS
"""
import importlib.util
import json
import os
import sys

import numpy as np

SIMILARITY_SETS = ["wordsim353.tsv", "EN-WS-353-SIM.txt", "EN-WS-353-REL.txt", "EN-RG-65.txt", "EN-MC-30.txt"]
RESTRICT = 30000


def shared_evaluator(shared):
    spec = importlib.util.spec_from_file_location("evaluate_vectors", os.path.join(shared, "bench",
                                                                                   "evaluate_vectors.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def three_cos_mul(ev, words, mat, path):
    words, mat = words[:RESTRICT], ev.normalise(mat[:RESTRICT])
    index = {}
    for i, w in enumerate(words):
        index.setdefault(w.lower(), i)
    questions = []
    for line in open(path, encoding="utf-8"):
        p = line.lower().split()
        if line.startswith(":") or len(p) != 4:
            continue
        if all(w in index for w in p):
            questions.append([index[w] for w in p])
    correct = 0
    for start in range(0, len(questions), 1024):
        batch = np.array(questions[start:start + 1024])
        a, b, c, d = batch[:, 0], batch[:, 1], batch[:, 2], batch[:, 3]
        shifted = lambda rows: (mat[rows] @ mat.T + 1) / 2
        scores = shifted(b) * shifted(c) / (shifted(a) + 0.001)
        rows = np.arange(len(batch))
        for col in (a, b, c):
            scores[rows, col] = -np.inf
        correct += int((scores.argmax(axis=1) == d).sum())
    return correct / max(1, len(questions))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    shared, path = sys.argv[1], sys.argv[2]
    ev = shared_evaluator(shared)
    words, mat = ev.load(path)
    analogies = os.path.join(shared, "data", "eval", "questions-words.txt")
    add = ev.analogy(words, mat, analogies, RESTRICT)
    out = {"analogy3CosAdd": add["accuracy"], "analogySemantic": add["semantic"], "analogySyntactic": add["syntactic"],
           "analogyCoverage": add["coverage"], "analogy3CosMul": three_cos_mul(ev, words, mat, analogies),
           "similarity": {}}
    for name in SIMILARITY_SETS:
        out["similarity"][name] = ev.similarity(words, mat, os.path.join(shared, "data", "eval", name))["spearman"]
    out["similarityMean"] = float(np.mean(list(out["similarity"].values())))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
