#!/usr/bin/env python3
"""scikit-learn baseline, training: CountVectorizer(strip_accents='unicode', ngram_range=(1, 2))
+ MultinomialNB on title + text of a JSON-lines file; pickles (vectorizer, model).

    sk_train.py TRAIN.jsonl MODEL.pkl
"""
import json
import pickle
import sys

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB


def main():
    src, out = sys.argv[1], sys.argv[2]
    docs, labels = [], []
    with open(src, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append(d.get("title", "") + "\n" + d["text"])
                labels.append(d["label"])
    vec = CountVectorizer(strip_accents="unicode", ngram_range=(1, 2))
    x = vec.fit_transform(docs)
    model = MultinomialNB().fit(x, labels)
    with open(out, "wb") as f:
        pickle.dump((vec, model), f, protocol=pickle.HIGHEST_PROTOCOL)
    print("sk_train: %d documents, %d features" % (x.shape[0], x.shape[1]), file=sys.stderr)


if __name__ == "__main__":
    main()
