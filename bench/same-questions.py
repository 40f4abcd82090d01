#!/usr/bin/env python3
"""Analogy accuracy of several vector files on the same questions, by the independent evaluator's own rules.

evaluate_vectors.py searches each file's 30000 most frequent words and skips questions outside them. Tools order
words of equal count differently, and fastText adds its end-of-line token </s>, so each file's top 30000 differ
near the cut and each file answers a slightly different question set (about 100 of 11,500 questions here, most of
them about rare, hard words). Here every file is restricted to the words that all files rank in their top 30000
(</s> aside), in each file's own order, and scored by the evaluator's `analogy` on that list: the same questions
and the same candidate answers for every file.

usage: same-questions.py EVALUATOR_DIR ANALOGY_FILE VECTORS...
prints one line per file: "ACCURACY_PERCENT QUESTIONS FILE"
"""
import os
import sys

RESTRICT = 30000
END_OF_LINE = "</s>"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    evaluator_dir, questions, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    missing = [p for p in [questions] + paths if not os.path.isfile(p)]
    if missing:
        sys.exit("same-questions: no such file: " + ", ".join(missing))
    sys.path.insert(0, evaluator_dir)
    import evaluate_vectors as evaluator

    loaded = [evaluator.load(path) for path in paths]
    shared = None
    for words, _ in loaded:
        top = {w for w in words[:RESTRICT] if w != END_OF_LINE}
        shared = top if shared is None else shared & top
    for path, (words, matrix) in zip(paths, loaded):
        rows = [i for i, w in enumerate(words[:RESTRICT]) if w in shared]
        result = evaluator.analogy([words[i] for i in rows], matrix[rows], questions, len(rows))
        print("%.2f %d %s" % (100 * result["accuracy"], result["seen"], path))


if __name__ == "__main__":
    main()
