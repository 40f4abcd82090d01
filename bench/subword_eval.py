#!/usr/bin/env python3
"""Subword vectors scored with and without vectors composed for unseen words, as JSON.

For one vector file and the fastText-format model.bin it came with (ours or fastText's; both are composed by the same
`fasttext print-word-vectors`, so the composition rule is fastText's for both):
- analogies (questions-words.txt) by the shared evaluator's 3CosAdd over the 30,000 most frequent words, semantic and
  syntactic separately, as every word2vec benchmark reports them;
- WordSim-353's Spearman rho over the pairs the vocabulary covers, and over all pairs with the unseen words composed;
- the rare-word set: the syntactic (morphological) analogy questions with a word seen fewer than RARE times in the
  training corpus, answered by 3CosAdd over the whole vocabulary. Without composition a question with an unseen word
  cannot be answered; with it, unseen question words (a, b, c) get composed vectors, as `evaluate --oov compose` and
  `fasttext analogies` do, while an unseen answer still cannot be found among the vocabulary. Unanswerable questions
  count as wrong in both accuracies over all questions, and each mode's coverage is reported.

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


def answer(questions, words, mat, composed_rows):
    """3CosAdd over every vocabulary row, the question words excluded; the number answered right. A question word
    outside the vocabulary takes its row of COMPOSED_ROWS (word -> vector); the answer must be a vocabulary word."""
    index = {}
    for i, w in enumerate(words):
        index.setdefault(w, i)
    unit = lambda m: m / np.maximum(np.linalg.norm(m, axis=-1, keepdims=True), 1e-12)
    mat = unit(mat)
    query = lambda w: mat[index[w]] if w in index else unit(composed_rows[w])
    correct = 0
    for start in range(0, len(questions), 512):
        batch = questions[start:start + 512]
        target = np.array([query(b) - query(a) + query(c) for a, b, c, _ in batch])
        sims = target @ mat.T
        for row, p in enumerate(batch):
            for w in p[:3]:
                if w in index:
                    sims[row, index[w]] = -np.inf
        correct += sum(int(words[g] == p[3]) for g, p in zip(sims.argmax(axis=1), batch))
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
    answerable = [p for p in rare if p[3] in known and all(w in known or w in extra for w in p[:3])]
    right_covered = answer(covered, words, mat, extra)
    right_composed = answer(answerable, words, mat, extra)
    out["rareSyntactic"] = {"questions": len(rare), "coverage": len(covered) / len(rare),
                            "coverageComposed": len(answerable) / len(rare),
                            "accuracyCovered": right_covered / max(1, len(covered)),
                            "accuracyAll": right_covered / len(rare), "accuracyComposed": right_composed / len(rare)}
    ws = os.path.join(eval_dir, "wordsim353.tsv")
    plain, full = ev.similarity(words, mat, ws), ev.similarity(all_words, all_mat, ws)
    out["wordsim353"] = {"spearman": plain["spearman"], "pairs": plain["pairs"],
                         "spearmanComposed": full["spearman"], "pairsComposed": full["pairs"]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
