#!/usr/bin/env python3
"""Main-text quality of `newsline extract` on trafilatura's evaluation pages, scored the way
trafilatura's tests/evaluate.py scores extractors.

    python3 bench/html_eval.py SNAPSHOT [--binary target/release/newsline] [--part dev|heldout|all]

SNAPSHOT is a clone or a bare git snapshot of adbar/trafilatura; its tests/evaldata.json maps
each page's address to {file, with: [snippets that must be in the body], without: [snippets
that must not]}, and the pages are in tests/cache/ and tests/eval/ (read with `git show` from a
bare snapshot). The pages are written to a temporary folder, never into this repository.

Scoring, as eval_common.py does it: whitespace-normalised substring matching; each "with"
snippet found is a true positive, missed a false negative; each "without" snippet found is a
false positive, absent a true negative; a page that newsline refuses counts as extracting
nothing. Precision, recall, accuracy and F1 over all snippets.

Parts: the pages are split by the SHA-256 of their address (first hex digit 0-7: dev, 8-f:
held-out), so extraction rules are tuned on the dev part and the held-out part is looked at
once, at the end. Not part of CI (it needs the snapshot and a release build).
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def part_of(url):
    return "dev" if hashlib.sha256(url.encode()).hexdigest()[0] in "01234567" else "heldout"


class Snapshot:
    """Files of a trafilatura checkout or bare git snapshot."""

    def __init__(self, path):
        self.path = path
        self.git_dir = None
        if not os.path.isfile(os.path.join(path, "tests", "evaldata.json")):
            git_dir = path if os.path.isdir(os.path.join(path, "objects")) else os.path.join(path, ".git")
            self.git_dir = git_dir
            names = subprocess.run(
                ["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", "--name-only", "HEAD", "tests/"],
                check=True, capture_output=True,
            ).stdout.split(b"\0")
            self.names = {n.decode("utf-8", "surrogateescape") for n in names if n}

    def read(self, rel):
        if self.git_dir is None:
            full = os.path.join(self.path, rel)
            if not os.path.isfile(full):
                return None
            with open(full, "rb") as f:
                return f.read()
        if rel not in self.names:
            return None
        return subprocess.run(
            ["git", "--git-dir", self.git_dir, "show", "HEAD:" + rel], check=True, capture_output=True
        ).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("snapshot")
    ap.add_argument("--binary", default="target/release/newsline")
    ap.add_argument("--part", choices=["dev", "heldout", "all"], default="dev")
    ap.add_argument("--show", choices=["fp", "fn"], help="list the pages with false positives or negatives")
    args = ap.parse_args()

    snap = Snapshot(args.snapshot)
    evaldata = json.loads(snap.read("tests/evaldata.json"))
    items = {u: v for u, v in evaldata.items() if args.part == "all" or part_of(u) == args.part}

    with tempfile.TemporaryDirectory(prefix="newsline-html-eval-") as tmp:
        paths = {}
        for i, (url, item) in enumerate(sorted(items.items())):
            data = None
            for sub in ("cache", "eval"):
                data = snap.read("tests/%s/%s" % (sub, item["file"]))
                if data is not None:
                    break
            if data is None:
                sys.exit("missing page for %s: %s" % (url, item["file"]))
            path = os.path.join(tmp, "%04d.html" % i)
            with open(path, "wb") as f:
                f.write(data)
            paths[path] = url
        # --lossy: some pages lie about their charset; --skip-invalid: a refused page extracts
        # nothing (scored as such) instead of stopping the run.
        run = subprocess.run(
            [args.binary, "extract", "--lossy", "--skip-invalid", tmp],
            capture_output=True, text=True,
        )
        if run.returncode != 0:
            sys.exit("newsline extract failed: " + run.stderr)
        texts = {}
        for line in run.stdout.splitlines():
            article = json.loads(line)
            texts[paths[article["id"]]] = norm(article["text"])
        refused = len(items) - len(texts)

    tp = fp = fn = tn = 0
    for url, item in items.items():
        result = texts.get(url)
        found_with = [w for w in item["with"] if result is not None and norm(w) in result]
        found_without = [w for w in item["without"] if result is not None and norm(w) in result]
        tp += len(found_with)
        fn += len(item["with"]) - len(found_with)
        fp += len(found_without)
        tn += len(item["without"]) - len(found_without)
        if args.show == "fp" and found_without:
            print("FP", item["file"], "|", " || ".join(found_without))
        if args.show == "fn" and len(found_with) < len(item["with"]):
            print("FN", item["file"], "|", " || ".join(w for w in item["with"] if w not in found_with))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    accuracy = (tp + tn) / (tp + tn + fp + fn)
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(
        "part %s: %d pages (%d refused); tp %d fp %d fn %d tn %d; precision %.4f recall %.4f "
        "accuracy %.4f F1 %.4f" % (args.part, len(items), refused, tp, fp, fn, tn, precision, recall, accuracy, f1)
    )


if __name__ == "__main__":
    main()
