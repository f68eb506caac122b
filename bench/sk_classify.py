#!/usr/bin/env python3
"""scikit-learn baseline, classifying: loads the pickled (vectorizer, model), reads a JSON-lines
file, predicts, writes "id<TAB>label" lines.

    sk_classify.py MODEL.pkl INPUT.jsonl OUT.tsv     (OUT.tsv may be - for standard output)
"""
import json
import pickle
import sys


def main():
    model_path, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(model_path, "rb") as f:
        vec, model = pickle.load(f)
    ids, docs = [], []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                d = json.loads(line)
                ids.append(str(d.get("id", n)))
                docs.append(d.get("title", "") + "\n" + d["text"])
    labels = model.predict(vec.transform(docs))
    dst = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    with dst:
        dst.write("".join("%s\t%s\n" % (i, l) for i, l in zip(ids, labels)))


if __name__ == "__main__":
    main()
