#!/usr/bin/env bash
# How much the default model's stream figures move with the order of its training data alone:
# trains on the training corpus's lines shuffled with seeds 1..N and scores each model on the
# stream sets (topic macro-F1 and off-topic articles flagged). Training learns the parts of
# `other` from the first chunk read, so the order matters (models/README.md).
#
#   scripts/shuffled-training.sh [SEEDS=3] [FILE.jsonl ...]   (default files: training/corpus/*.jsonl)
#
# Uses target/release/newsline (build it first); writes only to a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/target/release/newsline"
seeds="${1:-3}"
shift || true
if [ "$#" -eq 0 ]; then set -- "$root"/training/corpus/*.jsonl; fi
[ -x "$bin" ] || { echo "shuffled-training.sh: build first: cargo build --release" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for seed in $(seq 1 "$seeds"); do
  python3 - "$seed" "$work/data.jsonl" "$@" <<'PY'
import random, sys
seed, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
lines = [l if l.endswith("\n") else l + "\n" for f in files for l in open(f, encoding="utf-8") if l.strip()]
random.Random(seed).shuffle(lines)
open(out, "w", encoding="utf-8").writelines(lines)
PY
  "$bin" train --data "$work/data.jsonl" --out "$work/model.json" >/dev/null 2>&1
  line="seed $seed:"
  for set in dev heldout-2 heldout-3 heldout-4; do
    r=$("$bin" evaluate --model "$work/model.json" --data "$root/tests/data/stream/$set.jsonl" 2>&1 \
      | sed -nE 's/^topics: macro-F1 ([0-9.]+); ([0-9]+) of ([0-9]+).*/\1, \2 of \3 flagged/p')
    line="$line  $set $r"
  done
  echo "$line"
done
