#!/usr/bin/env bash
# Checks that two newsline binaries write byte-identical `events` output (and `classify` TSV)
# on the repository's examples, ../shared/seeds and ../shared/pages, tests/data, and two
# optional JSON-lines files (e.g. 2,000 large-vocabulary articles, and the same with
# "published" dates so that most events merge).
#
#   scripts/events-identical.sh OLD_BINARY NEW_BINARY [ARTICLES.jsonl] [PUBLISHED.jsonl]
#
# Exit status 0 when every output is identical; the differing files are listed otherwise.
set -euo pipefail
old="$1" new="$2" lv="${3:-}" pub="${4:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { # BINARY OUTDIR
  local b="$1" o="$2"
  mkdir -p "$o"
  "$b" events "$root/examples" >"$o/examples.json"
  "$b" events --no-merge "$root/examples" >"$o/examples-nomerge.json"
  "$b" events "$shared/seeds" >"$o/seeds.json"
  "$b" events "$shared/pages" >"$o/pages.json"
  "$b" events --published 2024-05-01 "$shared/seeds" "$shared/pages" "$root/examples" >"$o/all-published.json"
  "$b" events "$root/tests/data" >"$o/testdata.json" 2>/dev/null
  "$b" classify --format tsv "$root/tests/data/heldout.jsonl" >"$o/heldout.tsv"
  if [ -n "$lv" ]; then
    "$b" events "$lv" >"$o/articles.json"
    "$b" events --no-merge "$lv" >"$o/articles-nomerge.json"
    "$b" --threads 1 events "$lv" >"$o/articles-t1.json"
    "$b" classify --format tsv "$lv" >"$o/articles.tsv"
  fi
  if [ -n "$pub" ]; then
    "$b" events "$pub" >"$o/published.json"
  fi
}
run "$old" "$work/old" 2>/dev/null
run "$new" "$work/new" 2>/dev/null
wc -c "$work"/new/* | sed "s|$work/new/||"
diff -rq "$work/old" "$work/new" && echo "identical"
