#!/usr/bin/env bash
# Scores the default model on the held-out test set as written and on a copy with every
# diacritic removed (NFD, combining marks dropped, đ -> d): the two figures of the model card.
# The set is balanced (a quarter each), so it is scored with the corpus's shares (--prior corpus).
#
#   scripts/heldout.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
folded="$(mktemp --suffix=.jsonl)"
trap 'rm -f "$folded"' EXIT
python3 - "$folded" <<'PY'
import json, sys, unicodedata
def fold(s):
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in s if not unicodedata.combining(c))
with open("tests/data/heldout.jsonl", encoding="utf-8") as src, open(sys.argv[1], "w", encoding="utf-8") as out:
    for line in src:
        d = json.loads(line)
        d["title"], d["text"] = fold(d.get("title", "")), fold(d["text"])
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
echo "== held-out, as written"
target/release/newsline evaluate --prior corpus --data tests/data/heldout.jsonl
echo "== held-out, without diacritics"
target/release/newsline evaluate --prior corpus --data "$folded"
