#!/usr/bin/env python3
"""fastText baseline, classifying: loads MODEL.bin, reads fastText-format lines (a leading
__label__ token is dropped), predicts the best label of each, writes one label per line.

    ft_classify.py MODEL.bin INPUT.txt OUT.txt     (OUT.txt may be - for standard output)

Uses the C++ binding's multilinePredict directly: fasttext 0.9.3's Python `predict` on a list
fails under numpy 2 (np.array(copy=False)), and the binding is what it calls anyway.
"""
import sys

import fasttext


def main():
    model_path, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
    model = fasttext.load_model(model_path)
    lines = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            if line.startswith("__label__"):
                cut = line.find(" ")
                line = line[cut + 1:] if cut >= 0 else ""
            lines.append(line.rstrip("\n"))
    labels, _probs = model.f.multilinePredict(lines, 1, 0.0, "strict")
    dst = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    with dst:
        dst.write("".join((l[0][len("__label__"):] if l else "") + "\n" for l in labels))


if __name__ == "__main__":
    main()
