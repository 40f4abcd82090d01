#!/usr/bin/python3
"""PyTorch reference of the fine-tuning stage's networks, for bench/finetune-benchmark.sh.

Builds the networks `embeddings finetune` builds, from the same files, with the same tokenization, task vocabulary,
embedding table and hyperparameters, so that seconds per epoch and dev scores compare:

  classification  Kim's CNN: filter widths 3/4/5 x MAPS maps, ReLU, max over time, dropout, softmax with max-norm 3
  ner             BiLSTM over [word vector; casing one-hot (; character CNN)], dropout, then a per-token softmax or a
                  linear-chain CRF (Viterbi decoding, transitions restricted to valid IOB2)

Optimiser: AdamW (decoupled weight decay, never on biases or the embedding table), constant rate, as the project's
defaults. Prints one JSON line per epoch: task, mode, epoch, train_seconds, dev score (accuracy or entity F1).
Runs on the CPU with --threads threads (torch.set_num_threads). Debian's python3-torch.
"""
import argparse
import gzip
import json
import random
import re
import sys
import time
import unicodedata

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PADDING, UNKNOWN = 0, 1
SPLIT_NEGATION = re.compile(r"(\w) (n't)\b")
WORD = re.compile(r"[^\W_]+")
CASINGS = 7


# ---- data -----------------------------------------------------------------------------------------------------------

def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def tokenize(text, lowercase):
    """The project's Tokenizer: NFKC, optional lower case, maximal runs of letters and digits."""
    text = unicodedata.normalize("NFKC", SPLIT_NEGATION.sub(r"\1\2", text))
    return WORD.findall(text.lower() if lowercase else text)


def read_classification(path):
    examples = []
    with open_text(path) as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if text:
                examples.append((tokenize(text, True), label))
    return examples


def read_conll(path, iob1):
    sentences, words, tags = [], [], []
    with open_text(path) as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0] == "-DOCSTART-":
                if words:
                    sentences.append((words, to_iob2(tags) if iob1 else tags))
                words, tags = [], []
                continue
            words.append(fields[0])
            tags.append(fields[-1])
    if words:
        sentences.append((words, to_iob2(tags) if iob1 else tags))
    return sentences


def to_iob2(tags):
    out, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and (previous == "O" or previous[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        previous = tag
    return out


def casing(word):
    digits = sum(c.isdigit() for c in word)
    if digits:
        return 0 if digits == len(word) else 1
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 6
    upper = sum(c.isupper() for c in letters)
    lower = sum(c.islower() for c in letters)
    if upper == 0:
        return 2
    if lower == 0:
        return 3
    return 4 if upper == 1 and word[0].isupper() else 5


def read_vectors(path):
    """word2vec text or binary vectors: {word: np.float32 array}."""
    vectors = {}
    with open(path, "rb") as f:
        header = f.readline().split()
        count, dim = int(header[0]), int(header[1])
        binary = path.endswith(".bin")
        for _ in range(count):
            if binary:
                word = bytearray()
                while True:
                    c = f.read(1)
                    if c == b" ":
                        break
                    if c != b"\n":
                        word += c
                vectors[word.decode("utf-8")] = np.frombuffer(f.read(4 * dim), dtype="<f4").copy()
            else:
                parts = f.readline().rstrip().split(b" ")
                vectors[parts[0].decode("utf-8")] = np.array(parts[1:], dtype=np.float32)
    return vectors, dim


def lookup(vectors, word):
    """A word's vector: its own, else its lower-cased form's (the tagger keeps case for the casing feature)."""
    v = vectors.get(word)
    return v if v is not None else vectors.get(word.lower())


def build_index(train_words, eval_words, min_count, vectors):
    """The project's TokenIndex: training words seen min_count times or with a vector, evaluation words with one."""
    counts = {}
    for w in train_words:
        counts[w] = counts.get(w, 0) + 1
    kept = {w: c for w, c in counts.items() if c >= min_count or lookup(vectors, w) is not None}
    for w in eval_words:
        if lookup(vectors, w) is not None:
            kept[w] = kept.get(w, 0) + 1
    ordered = sorted(kept, key=lambda w: (-kept[w], w))
    return {w: i + 2 for i, w in enumerate(ordered)}


def embedding_table(index, vectors, dim, mode, seed):
    """Pretrained rows where a vector exists; the rest (and all rows in random mode) uniform in +-range."""
    rng = np.random.default_rng(seed)
    if vectors:
        stacked = np.stack(list(vectors.values())[:10000])
        scale = float(np.sqrt(3.0) * stacked.std())
    else:
        scale = 0.25
    table = rng.uniform(-scale, scale, size=(len(index) + 2, dim)).astype(np.float32)
    table[PADDING] = 0
    if mode != "random":
        for w, row in index.items():
            v = lookup(vectors, w)
            if v is not None:
                table[row] = v
    return torch.from_numpy(table)


# ---- models ---------------------------------------------------------------------------------------------------------

class KimCnn(nn.Module):
    def __init__(self, table, trainable, classes, maps, dropout):
        super().__init__()
        self.embedding = nn.Embedding.from_pretrained(table, freeze=not trainable)
        self.convs = nn.ModuleList(nn.Conv1d(table.shape[1], maps, w, padding=w // 2) for w in (3, 4, 5))
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(3 * maps, classes)

    def forward(self, tokens, mask):
        x = self.embedding(tokens).transpose(1, 2)
        pooled = []
        for conv in self.convs:
            h = F.relu(conv(x))[:, :, :tokens.shape[1]]
            pooled.append(h.masked_fill(~mask.unsqueeze(1), -1e9).max(dim=2).values)
        return self.output(self.dropout(torch.cat(pooled, dim=1)))


class CharCnn(nn.Module):
    """Ma & Hovy's character features: embeddings, one convolution, max over the word's characters."""

    def __init__(self, chars, dim=30, filters=30, width=3):
        super().__init__()
        self.embedding = nn.Embedding(chars, dim, padding_idx=0)
        self.conv = nn.Conv1d(dim, filters, width, padding=width // 2)
        self.out_dim = filters

    def forward(self, chars):  # [batch, time, length]
        b, t, n = chars.shape
        x = self.embedding(chars.view(b * t, n)).transpose(1, 2)
        h = self.conv(x).masked_fill((chars.view(b * t, n) == 0).unsqueeze(1), -1e9).max(dim=2).values
        return h.view(b, t, -1).clamp(min=-1e4)


class Tagger(nn.Module):
    def __init__(self, table, trainable, tags, lstm, dropout, chars, crf_allowed):
        super().__init__()
        self.embedding = nn.Embedding.from_pretrained(table, freeze=not trainable)
        self.chars = CharCnn(chars) if chars else None
        inputs = table.shape[1] + CASINGS + (self.chars.out_dim if self.chars else 0)
        self.lstm = nn.LSTM(inputs, lstm, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(2 * lstm, tags)
        self.crf = Crf(crf_allowed) if crf_allowed is not None else None

    def emissions(self, tokens, casings, chars, mask):
        parts = [self.embedding(tokens), F.one_hot(casings, CASINGS).float()]
        if self.chars is not None:
            parts.append(self.dropout(self.chars(chars)))
        lengths = mask.sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(torch.cat(parts, 2), lengths, batch_first=True,
                                                   enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=tokens.shape[1])
        return self.output(self.dropout(h))

    def loss(self, tokens, casings, chars, mask, gold):
        e = self.emissions(tokens, casings, chars, mask)
        if self.crf is not None:
            return self.crf.nll(e, gold, mask)
        return F.cross_entropy(e[mask], gold[mask])

    def decode(self, tokens, casings, chars, mask):
        e = self.emissions(tokens, casings, chars, mask)
        return self.crf.viterbi(e, mask) if self.crf is not None else e.argmax(2)


class Crf(nn.Module):
    """Linear-chain CRF; disallowed transitions (invalid IOB2) are fixed at -1e4."""

    def __init__(self, allowed):  # allowed: (start [K], transitions [K, K]) boolean tensors
        super().__init__()
        start_ok, trans_ok = allowed
        k = trans_ok.shape[0]
        self.transitions = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))
        self.register_buffer("trans_penalty", (~trans_ok).float() * -1e4)
        self.register_buffer("start_penalty", (~start_ok).float() * -1e4)

    def _scores(self):
        return self.start + self.start_penalty, self.transitions + self.trans_penalty

    def nll(self, e, gold, mask):
        start, trans = self._scores()
        b, t, k = e.shape
        maskf = mask.float()
        # gold path score
        score = start[gold[:, 0]] + e[:, 0].gather(1, gold[:, :1]).squeeze(1)
        for i in range(1, t):
            step = trans[gold[:, i - 1], gold[:, i]] + e[:, i].gather(1, gold[:, i:i + 1]).squeeze(1)
            score = score + step * maskf[:, i]
        last = gold.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        # partition function
        alpha = start + e[:, 0]
        for i in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + e[:, i]
            alpha = torch.where(mask[:, i:i + 1], nxt, alpha)
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        return (log_z - score).sum() / b

    @torch.no_grad()
    def viterbi(self, e, mask):
        start, trans = self._scores()
        b, t, k = e.shape
        score = start + e[:, 0]
        back = []
        for i in range(1, t):
            best, arg = (score.unsqueeze(2) + trans.unsqueeze(0)).max(dim=1)
            nxt = best + e[:, i]
            keep = mask[:, i:i + 1]
            score = torch.where(keep, nxt, score)
            back.append(torch.where(keep, arg, torch.arange(k).expand(b, k)))
        score = score + self.end
        path = [score.argmax(1)]
        for arg in reversed(back):
            path.append(arg.gather(1, path[-1].unsqueeze(1)).squeeze(1))
        return torch.stack(path[::-1], dim=1)


def iob2_allowed(tags):
    k = len(tags)
    start = torch.tensor([not t.startswith("I-") for t in tags])
    trans = torch.zeros(k, k, dtype=torch.bool)
    for i, a in enumerate(tags):
        for j, b in enumerate(tags):
            trans[i, j] = not b.startswith("I-") or (a != "O" and a[2:] == b[2:])
    return start, trans


# ---- training -------------------------------------------------------------------------------------------------------

def adamw(model, lr, weight_decay):
    decayed, plain = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (plain if name.startswith("embedding") or name.endswith("bias") or p.dim() < 2 else decayed).append(p)
    return torch.optim.AdamW([{"params": decayed, "weight_decay": weight_decay},
                              {"params": plain, "weight_decay": 0.0}], lr=lr)


def batches(n, size, rng):
    order = list(range(n))
    rng.shuffle(order)
    return [order[i:i + size] for i in range(0, n, size)]


def pad(rows, value=0):
    t = max(len(r) for r in rows)
    out = torch.full((len(rows), t), value, dtype=torch.long)
    for i, r in enumerate(rows):
        out[i, :len(r)] = torch.tensor(r, dtype=torch.long)
    return out


def entity_spans(tags):
    spans, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            spans.add((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


def run_classification(args, vectors, dim):
    train, dev = read_classification(args.train), read_classification(args.dev)
    index = build_index([w for ws, _ in train for w in ws], [w for ws, _ in dev for w in ws], args.min_count, vectors)
    labels = sorted({lab for _, lab in train})
    label_id = {lab: i for i, lab in enumerate(labels)}

    def encode(data):
        return [[index.get(w, UNKNOWN) for w in ws] or [PADDING] for ws, _ in data], \
               [label_id.get(lab, 0) for _, lab in data]

    train_x, train_y = encode(train)
    dev_x, dev_y = encode(dev)
    table = embedding_table(index, vectors, dim, args.mode, args.seed)
    model = KimCnn(table, args.mode != "static", len(labels), args.maps, args.dropout)
    optimiser = adamw(model, args.lr, args.weight_decay)
    rng = random.Random(args.seed)

    def evaluate():
        model.eval()
        correct = 0
        with torch.no_grad():
            for i in range(0, len(dev_x), 256):
                x = pad(dev_x[i:i + 256])
                correct += (model(x, x != PADDING).argmax(1) == torch.tensor(dev_y[i:i + 256])).sum().item()
        return correct / len(dev_x)

    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        for batch in batches(len(train_x), args.batch, rng):
            x = pad([train_x[i] for i in batch])
            loss = F.cross_entropy(model(x, x != PADDING), torch.tensor([train_y[i] for i in batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            with torch.no_grad():  # Kim's max-norm on each class's weight vector
                w = model.output.weight
                w.mul_(torch.clamp(args.max_norm / (w.norm(dim=1, keepdim=True) + 1e-12), max=1.0))
        seconds = time.perf_counter() - start
        report(args, epoch, seconds, {"accuracy": evaluate()})


def run_ner(args, vectors, dim):
    train, dev = read_conll(args.train, args.iob1), read_conll(args.dev, args.iob1)
    index = build_index([w for ws, _ in train for w in ws], [w for ws, _ in dev for w in ws], args.min_count, vectors)
    tags = sorted({t for _, ts in train for t in ts})
    tag_id = {t: i for i, t in enumerate(tags)}
    char_id = {}
    for ws, _ in train:
        for w in ws:
            for c in w:
                char_id.setdefault(c, len(char_id) + 2)

    def encode(data):
        out = []
        for ws, ts in data:
            out.append(([index.get(w, UNKNOWN) for w in ws], [casing(w) for w in ws],
                        [[char_id.get(c, 1) for c in w[:args.max_word_chars]] for w in ws],
                        [tag_id.get(t, tag_id.get("O", 0)) for t in ts]))
        return out

    def tensors(rows):
        tokens = pad([r[0] for r in rows])
        casings = pad([r[1] for r in rows])
        t = tokens.shape[1]
        n = max(len(c) for r in rows for c in r[2])
        chars = torch.zeros((len(rows), t, n), dtype=torch.long)
        for i, r in enumerate(rows):
            for j, c in enumerate(r[2]):
                chars[i, j, :len(c)] = torch.tensor(c)
        return tokens, casings, chars, tokens != PADDING, pad([r[3] for r in rows])

    train_rows, dev_rows = encode(train), encode(dev)
    table = embedding_table(index, vectors, dim, args.mode, args.seed)
    model = Tagger(table, args.mode != "static", len(tags), args.lstm, args.dropout,
                   len(char_id) + 2 if args.char_cnn else 0, iob2_allowed(tags) if args.crf else None)
    optimiser = adamw(model, args.lr, args.weight_decay)
    rng = random.Random(args.seed)

    def evaluate():
        model.eval()
        found = gold = correct = 0
        with torch.no_grad():
            for i in range(0, len(dev_rows), 256):
                rows = dev_rows[i:i + 256]
                tokens, casings, chars, mask, _ = tensors(rows)
                predicted = model.decode(tokens, casings, chars, mask)
                for j, r in enumerate(rows):
                    n = len(r[0])
                    p = entity_spans([tags[k] for k in predicted[j, :n].tolist()])
                    g = entity_spans([tags[k] for k in r[3]])
                    found, gold, correct = found + len(p), gold + len(g), correct + len(p & g)
        precision = correct / found if found else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}

    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        for batch in batches(len(train_rows), args.batch, rng):
            tokens, casings, chars, mask, gold = tensors([train_rows[i] for i in batch])
            loss = model.loss(tokens, casings, chars, mask, gold)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        seconds = time.perf_counter() - start
        report(args, epoch, seconds, evaluate())


def report(args, epoch, seconds, dev):
    print(json.dumps({"system": "pytorch", "task": args.task, "mode": args.mode, "epoch": epoch,
                      "train_seconds": round(seconds, 2), "dev": dev}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--task", choices=["classification", "ner"], required=True)
    p.add_argument("--train", required=True)
    p.add_argument("--dev", required=True)
    p.add_argument("--vectors", help="word2vec text (.txt) or binary (.bin) vectors; none for --mode random")
    p.add_argument("--mode", choices=["random", "static", "fine-tune"], default="fine-tune")
    p.add_argument("--iob1", action="store_true", help="CoNLL tags are IOB1 (CoNLL-2003's own files)")
    p.add_argument("--crf", action="store_true", help="ner: a linear-chain CRF instead of a per-token softmax")
    p.add_argument("--char-cnn", action="store_true", help="ner: character CNN features (Ma & Hovy)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--max-norm", type=float, default=3.0)
    p.add_argument("--maps", type=int, default=100)
    p.add_argument("--lstm", type=int, default=100)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--random-dim", type=int, default=300)
    p.add_argument("--max-word-chars", type=int, default=20)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    if args.mode != "random" and not args.vectors:
        p.error("--vectors is required unless --mode random")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    # Random initialisation takes the vectors' dimension when there are vectors, as the project's --compare does.
    vectors, dim = read_vectors(args.vectors) if args.vectors else ({}, args.random_dim)
    (run_classification if args.task == "classification" else run_ner)(args, vectors, dim)


if __name__ == "__main__":
    sys.exit(main())
