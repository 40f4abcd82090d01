#!/usr/bin/env python3
"""Subword vectors scored with and without vectors composed for unseen words, as JSON.

For one vector file and the fastText-format model.bin it came with (ours or fastText's; both are composed by the same
`fasttext print-word-vectors`, so the composition rule is fastText's for both):
- analogies (questions-words.txt) by the shared evaluator's 3CosAdd over the 30,000 most frequent words, semantic and
  syntactic separately, as every word2vec benchmark reports them;
- WordSim-353's Spearman rho over the pairs the vocabulary covers, and over all pairs with the unseen words composed;
- the rare-word set: the syntactic (morphological) analogy questions with a word seen fewer than RARE times in the
  training corpus, answered over the whole vocabulary plus the questions' composed words. Without composition a
  question with an unseen word cannot be answered: its coverage is reported and it counts as wrong in `accuracyAll`.

usage: subword_eval.py SHARED_DIR CORPUS_TXT VECTORS MODEL_BIN
"""
import collections
import importlib.util
import json
import os
import pickle
import subprocess
import sys

import numpy as np

RESTRICT = 30000
RARE = 20


def shared_evaluator(shared):
    spec = importlib.util.spec_from_file_location("evaluate_vectors",
                                                  os.path.join(shared, "bench", "evaluate_vectors.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_counts(corpus):
    """Whitespace-token counts of the training corpus, cached beside it."""
    cache = corpus + ".counts.pickle"
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(corpus):
        with open(cache, "rb") as f:
            return pickle.load(f)
    counts = collections.Counter()
    with open(corpus, encoding="utf-8", errors="replace") as f:
        for line in f:
            counts.update(line.split())
    with open(cache, "wb") as f:
        pickle.dump(counts, f)
    return counts


def composed(model, words):
    """fastText's vectors for WORDS from MODEL (composed from character n-grams for words it never saw)."""
    out = subprocess.run(["fasttext", "print-word-vectors", model], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    vectors = {}
    for line in out.splitlines():
        p = line.rstrip().split(" ")
        vectors[p[0]] = np.asarray(p[1:], dtype=np.float32)
    return vectors


def rare_questions(path, counts):
    questions, section = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith(":"):
            section = line[1:].strip()
            continue
        p = line.lower().split()
        if len(p) == 4 and section.startswith("gram") and min(counts[w] for w in p) < RARE:
            questions.append(p)
    return questions


def answer(questions, words, mat):
    """3CosAdd over every row of MAT, the question words excluded; the number answered right."""
    index = {}
    for i, w in enumerate(words):
        index.setdefault(w, i)
    mat = mat / np.maximum(np.linalg.norm(mat, axis=1, keepdims=True), 1e-12)
    q = np.array([[index[w] for w in p] for p in questions])
    correct = 0
    for start in range(0, len(q), 512):
        a, b, c, d = q[start:start + 512].T
        sims = (mat[b] - mat[a] + mat[c]) @ mat.T
        rows = np.arange(len(a))
        for col in (a, b, c):
            sims[rows, col] = -np.inf
        correct += int((sims.argmax(axis=1) == d).sum())
    return correct


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    shared, corpus, vectors, model = sys.argv[1:]
    ev = shared_evaluator(shared)
    words, mat = ev.load(vectors)
    words = [w.lower() for w in words]
    known = set(words)
    eval_dir = os.path.join(shared, "data", "eval")
    analogies = os.path.join(eval_dir, "questions-words.txt")
    out = {"vocabulary": len(words)}
    add = ev.analogy(words, mat, analogies, RESTRICT)
    out["analogy"] = {k: add[k] for k in ("accuracy", "semantic", "syntactic", "coverage")}

    rare = rare_questions(analogies, corpus_counts(corpus))
    pairs = [l.lower().split("\t")[:2] for l in open(os.path.join(eval_dir, "wordsim353.tsv"), encoding="utf-8")
             if not l.startswith("#") and l.strip()]
    unseen = sorted({w for p in rare for w in p} | {w for p in pairs for w in p} - known)
    extra = composed(model, unseen)
    extra_words = [w for w in unseen if w in extra]
    all_words = words + extra_words
    all_mat = np.vstack([mat] + [extra[w][None, :] for w in extra_words]) if extra_words else mat

    covered = [p for p in rare if all(w in known for w in p)]
    right_covered = answer(covered, words, mat) if covered else 0
    right_all = answer(rare, all_words, all_mat)
    out["rareSyntactic"] = {"questions": len(rare), "coverage": len(covered) / len(rare),
                            "accuracyCovered": right_covered / max(1, len(covered)),
                            "accuracyAll": right_covered / len(rare), "accuracyComposed": right_all / len(rare)}
    ws = os.path.join(eval_dir, "wordsim353.tsv")
    plain, full = ev.similarity(words, mat, ws), ev.similarity(all_words, all_mat, ws)
    out["wordsim353"] = {"spearman": plain["spearman"], "pairs": plain["pairs"],
                         "spearmanComposed": full["spearman"], "pairsComposed": full["pairs"]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
