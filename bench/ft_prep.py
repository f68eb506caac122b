#!/usr/bin/env python3
"""Turns JSON-lines articles into fastText's input: one line per article,
"__label__LABEL folded lower-case words", with diacritics removed (NFD, combining marks dropped,
đ -> d: the folding newsline and the scikit-learn baseline use too) and punctuation replaced
by spaces. Articles without a label get no __label__ prefix.

    ft_prep.py INPUT.jsonl OUTPUT.txt
"""
import json
import re
import sys
import unicodedata

_PUNCT = re.compile(r"[^\w\s]+|_")
_SPACE = re.compile(r"\s+")


def fold(text):
    text = text.lower().replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            words = fold(d.get("title", "") + " " + d["text"])
            label = d.get("label")
            out.write(("__label__%s %s\n" % (label, words)) if label else words + "\n")


if __name__ == "__main__":
    main()
