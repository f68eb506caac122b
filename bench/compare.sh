#!/usr/bin/env bash
# Compares newsline with scikit-learn (CountVectorizer + MultinomialNB) and fastText on synthetic
# Vietnamese news corpora, and checks newsline's speed and memory targets (issue 18).
#
#   bash bench/compare.sh
#
# Two corpora (bench/gen_corpus.py), each measured and checked on its own:
#   - large vocabulary (the main table): the long tail of real news (rare syllables, names,
#     numbers with units, codes, Latin-script words, typos); 20,000 articles hold about 650,000
#     distinct syllable unigrams + bigrams;
#   - small vocabulary (the second table): the corpus of the earlier comparisons, about 300,000.
#
# Steps: (a) a venv bench/.venv with scikit-learn and fasttext, (b) `cargo build --release`,
# (c) for each corpus: generate it (train and test sides, DOCS articles each), then run every
# tool's train and classify as a whole process (wall time, CPU time and peak RSS,
# bench/measure.py, which also records the CPU time other processes used meanwhile), newsline's
# `events` on the test side, and the load + one short document latency; (d) on the main corpus,
# newsline's training peak memory at MEM_SMALL, MEM_LARGE and MEM_HUGE training articles;
# (e) the tables with PASS/FAIL (bench/report.py; also written to WORK/report.md).
#
# Targets checked on each corpus: newsline classifies >= 50x and trains >= 25x scikit-learn's
# MB/s, `events` takes <= 2x `classify`'s time on the same test side, load + one short document
# <= 10 ms; on the main corpus, training peak memory at MEM_LARGE and at MEM_HUGE articles within
# 10% of MEM_SMALL's. fastText's ratios are printed beside, without a target.
#
# Settings (environment):
#   LARGE_VOCAB=1      1: the large-vocabulary corpus is the main table (and the memory check),
#                      the small one a second table; 0: the small corpus only (as before)
#   SMALL_TOO=1        with LARGE_VOCAB=1, 0 skips the small corpus's table
#   DOCS=20000         articles per side (train and test) of each corpus
#   SEED=1             corpus seed
#   REPEAT=3           runs per train/classify/events measurement (the median is reported)
#   LAT_REPEAT=20      runs of each load + one document measurement
#   MEM_SMALL=20000    MEM_LARGE=100000    MEM_HUGE=500000
#                      training articles of the memory check (one MEM_HUGE corpus of the main
#                      kind, the smaller sizes are its first lines; about 1.2 GB at 500,000)
#   NL_THREADS=        newsline --threads (default: newsline's default, all cores)
#   NL_NGRAM_MAX=2     newsline's longest n-gram (2, like the baselines; the default model uses 3)
#   FT_THREADS=2       fastText training threads
#   PYTHON=python3     interpreter that creates the venv and generates the corpora
#   SKIP_BUILD=1       use the existing target/release/newsline
#   WORK=bench/work    where corpora, models, outputs and the report go
#
# Everything it makes lives in bench/.venv and WORK (bench/work is git-ignored): the corpora in
# WORK/corpus-large and WORK/corpus-small (WORK/corpus links to the main one), each corpus's
# results, models and outputs in WORK/large and WORK/small. A corpus is regenerated only when
# the generator or its settings change. Exit status: 0 when every target passes, 1 when one
# fails (the tables are printed either way), 2 on a setup error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="${WORK:-$BENCH/work}"
VENV="$BENCH/.venv"
LARGE_VOCAB="${LARGE_VOCAB:-1}"
SMALL_TOO="${SMALL_TOO:-1}"
DOCS="${DOCS:-20000}"
SEED="${SEED:-1}"
REPEAT="${REPEAT:-3}"
LAT_REPEAT="${LAT_REPEAT:-20}"
MEM_SMALL="${MEM_SMALL:-20000}"
MEM_LARGE="${MEM_LARGE:-100000}"
MEM_HUGE="${MEM_HUGE:-500000}"
FT_THREADS="${FT_THREADS:-2}"
PYTHON="${PYTHON:-python3}"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'compare.sh: error: %s\n' "$*" >&2; exit 2; }

for v in DOCS REPEAT LAT_REPEAT MEM_SMALL MEM_LARGE MEM_HUGE FT_THREADS; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
for v in LARGE_VOCAB SMALL_TOO; do
  [[ "${!v}" =~ ^[01]$ ]] || die "$v must be 0 or 1 (got '${!v}')"
done
[ "$MEM_SMALL" -le "$MEM_LARGE" ] && [ "$MEM_LARGE" -le "$MEM_HUGE" ] \
  || die "need MEM_SMALL <= MEM_LARGE <= MEM_HUGE (got $MEM_SMALL, $MEM_LARGE, $MEM_HUGE)"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (set PYTHON=...)"
command -v cargo >/dev/null || die "cargo not found: install the Rust toolchain"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
# Files of the single-corpus layout of earlier versions of this script (about 1.2 GB).
rm -rf "$WORK/corpus-mem" "$WORK/out" "$WORK/results.jsonl" "$WORK/results.jsonl.tmp" \
  "$WORK/newsline.json" "$WORK/newsline-small.json" "$WORK/newsline-large.json" \
  "$WORK/sklearn.pkl" "$WORK/fasttext.bin" "$WORK/train.ft.txt" "$WORK/test.ft.txt" \
  "$WORK/mem-small.jsonl"
if [ ! -x /usr/bin/time ]; then
  # measure.py reads peak memory from GNU time -v; without it, it falls back to wait4().
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing GNU time (apt-get install time)" >&2
    apt-get install -y -qq time >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } \
      || echo "compare.sh: warning: could not install GNU time; peak memory includes Python's ~15 MiB" >&2
  else
    echo "compare.sh: warning: /usr/bin/time missing (apt-get install time); peak memory includes Python's ~15 MiB" >&2
  fi
fi

# The corpora, main first: large (+ small) or small alone.
if [ "$LARGE_VOCAB" = 1 ]; then
  SETS=(large)
  if [ "$SMALL_TOO" = 1 ]; then SETS+=(small); fi
else
  SETS=(small)
fi
MAIN="${SETS[0]}"

say "machine"
{
  echo "cores: $(nproc), memory: $(free -h | awk '/^Mem:/ {print $2}'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -m1 'model name' /proc/cpuinfo 2>/dev/null || true
  "$PYTHON" --version
  cargo --version
  echo "corpora: ${SETS[*]} (main: $MAIN), $DOCS articles per side, seed $SEED; work folder $WORK"
} >&2

# ---- (a) Python baselines ------------------------------------------------------------------
say "venv $VENV (scikit-learn, fasttext)"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV" || die "cannot create a venv with $PYTHON -m venv (on Debian: apt-get install python3-venv)"
fi
VPY="$VENV/bin/python"
if ! "$VPY" -c 'import sklearn' 2>/dev/null; then
  "$VPY" -m pip install --quiet scikit-learn || die "pip install scikit-learn failed"
fi
if ! "$VPY" -c 'import fasttext' 2>/dev/null; then
  # The `fasttext` sdist compiles its C++ (needs g++); `fasttext-wheel` is the prebuilt fallback.
  "$VPY" -m pip install --quiet fasttext || "$VPY" -m pip install --quiet fasttext-wheel \
    || die "pip install fasttext (and fasttext-wheel) failed; is a C++ compiler installed?"
fi
"$VPY" -c 'import sklearn, fasttext, numpy; print("scikit-learn", sklearn.__version__, "| numpy", numpy.__version__, "| fasttext imported")' >&2

# ---- (b) newsline ----------------------------------------------------------------------------
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
fi
NL="${CARGO_TARGET_DIR:-$ROOT/target}/release/newsline"
[ -x "$NL" ] || die "$NL not found (build failed, or set CARGO_TARGET_DIR)"
THREADS=()
if [ -n "${NL_THREADS:-}" ]; then THREADS=(--threads "$NL_THREADS"); fi
# Unigrams and bigrams, like the scikit-learn and fastText runs (the default model also uses
# trigrams, chosen by cross-validation on the real corpus; NL_NGRAM_MAX=3 measures that).
NGRAM=(--ngram-max "${NL_NGRAM_MAX:-2}")

# ---- corpora ---------------------------------------------------------------------------------
# A corpus is rebuilt only when the generator or its settings change (stamp file).
GEN_SUM="$(sha256sum "$BENCH/gen_corpus.py" | cut -c1-16)"
gen() { # DIR STAMP ARGS...
  local dir="$1" stamp="$2"
  shift 2
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    echo "reusing $dir" >&2
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  "$PYTHON" "$BENCH/gen_corpus.py" --seed "$SEED" --out "$dir" "$@" || die "gen_corpus.py failed"
  echo "$stamp" >"$dir/.stamp"
}
vocab_args() { # KIND -> generator flag
  if [ "$1" = large ]; then echo --large-vocab; fi
}

# A one-line input for the load + one short document latency.
cat >"$WORK/one.jsonl" <<'JSON'
{"id": "one", "title": "Phóng thành công vệ tinh quan sát Trái Đất", "text": "Sáng nay, tên lửa đã đưa vệ tinh quan sát Trái Đất lên quỹ đạo thấp. Trung tâm điều khiển cho biết vệ tinh đã gửi tín hiệu đầu tiên về trạm mặt đất sau khi tách tầng."}
JSON
"$PYTHON" "$BENCH/ft_prep.py" "$WORK/one.jsonl" "$WORK/one.ft.txt"

# ---- (c) one corpus: generate, measure every tool --------------------------------------------
run_set() { # KIND (large | small)
  local kind="$1"
  local corpus="$WORK/corpus-$kind" run="$WORK/$kind"
  say "$kind-vocabulary corpus: $DOCS articles per side, seed $SEED"
  # shellcheck disable=SC2046
  gen "$corpus" "$GEN_SUM docs=$DOCS seed=$SEED vocab=$kind" --docs "$DOCS" $(vocab_args "$kind")
  rm -rf "$run"
  mkdir -p "$run/out"
  RESULTS="$run/results.jsonl.tmp"
  : >"$RESULTS"
  M() { "$PYTHON" "$BENCH/measure.py" --results "$RESULTS" "$@"; }

  say "[$kind] fastText input (folded, lower-case, one line per article)"
  M --name ft_prep_train -- "$PYTHON" "$BENCH/ft_prep.py" "$corpus/train.jsonl" "$run/train.ft.txt"
  M --name ft_prep_test -- "$PYTHON" "$BENCH/ft_prep.py" "$corpus/test.jsonl" "$run/test.ft.txt"

  say "[$kind] newsline (threads: ${NL_THREADS:-default, $(nproc) cores})"
  M --name nl_train --repeat "$REPEAT" --bytes "$corpus/train.jsonl" -- \
    "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$corpus/train.jsonl" --out "$run/newsline.json" \
    --labels cybersecurity,summits,space,other
  M --name nl_classify --repeat "$REPEAT" --bytes "$corpus/test.jsonl" --stdout "$run/out/newsline.tsv" -- \
    "$NL" "${THREADS[@]}" classify --model "$run/newsline.json" --format tsv "$corpus/test.jsonl"
  M --name nl_events --repeat "$REPEAT" --bytes "$corpus/test.jsonl" --stdout "$run/out/newsline-events.jsonl" -- \
    "$NL" "${THREADS[@]}" events --model "$run/newsline.json" "$corpus/test.jsonl"
  M --name nl_latency --repeat "$LAT_REPEAT" -- \
    "$NL" "${THREADS[@]}" classify --model "$run/newsline.json" --format tsv "$WORK/one.jsonl"

  say "[$kind] scikit-learn (CountVectorizer(strip_accents='unicode', ngram_range=(1, 2)) + MultinomialNB)"
  M --name sk_train --repeat "$REPEAT" --bytes "$corpus/train.jsonl" -- \
    "$VPY" "$BENCH/sk_train.py" "$corpus/train.jsonl" "$run/sklearn.pkl"
  M --name sk_classify --repeat "$REPEAT" --bytes "$corpus/test.jsonl" -- \
    "$VPY" "$BENCH/sk_classify.py" "$run/sklearn.pkl" "$corpus/test.jsonl" "$run/out/sklearn.tsv"
  M --name sk_latency --repeat "$LAT_REPEAT" -- \
    "$VPY" "$BENCH/sk_classify.py" "$run/sklearn.pkl" "$WORK/one.jsonl" -

  say "[$kind] fastText (supervised, $FT_THREADS threads, 5 epochs, wordNgrams=2)"
  M --name ft_train --repeat "$REPEAT" --bytes "$corpus/train.jsonl" \
    --meta "own_bytes=$(stat -c %s "$run/train.ft.txt")" -- \
    "$VPY" "$BENCH/ft_train.py" "$run/train.ft.txt" "$run/fasttext.bin" "$FT_THREADS"
  M --name ft_classify --repeat "$REPEAT" --bytes "$corpus/test.jsonl" \
    --meta "own_bytes=$(stat -c %s "$run/test.ft.txt")" -- \
    "$VPY" "$BENCH/ft_classify.py" "$run/fasttext.bin" "$run/test.ft.txt" "$run/out/fasttext.txt"
  M --name ft_latency --repeat "$LAT_REPEAT" -- \
    "$VPY" "$BENCH/ft_classify.py" "$run/fasttext.bin" "$WORK/one.ft.txt" -

  # ---- (d) training memory at three corpus sizes, on the main corpus ----
  if [ "$kind" = "$MAIN" ]; then
    local memdir="$WORK/corpus-mem-$kind"
    say "[$kind] memory corpus: $MEM_HUGE training articles"
    # Counting distinct n-grams of a corpus this size would take minutes and gigabytes.
    # shellcheck disable=SC2046
    gen "$memdir" "$GEN_SUM docs=$MEM_HUGE test=0 seed=$SEED vocab=$kind" \
      --docs "$MEM_HUGE" --test-docs 0 --no-count $(vocab_args "$kind")
    head -n "$MEM_SMALL" "$memdir/train.jsonl" >"$run/mem-small.jsonl"
    head -n "$MEM_LARGE" "$memdir/train.jsonl" >"$run/mem-large.jsonl"
    say "[$kind] newsline training peak memory at $MEM_SMALL, $MEM_LARGE and $MEM_HUGE articles"
    M --name nl_mem_small --bytes "$run/mem-small.jsonl" --meta "docs=$MEM_SMALL" -- \
      "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$run/mem-small.jsonl" --out "$run/newsline-mem-small.json"
    M --name nl_mem_large --bytes "$run/mem-large.jsonl" --meta "docs=$MEM_LARGE" -- \
      "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$run/mem-large.jsonl" --out "$run/newsline-mem-large.json"
    M --name nl_mem_huge --bytes "$memdir/train.jsonl" --meta "docs=$MEM_HUGE" -- \
      "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$memdir/train.jsonl" --out "$run/newsline-mem-huge.json"
    rm -f "$run/mem-small.jsonl" "$run/mem-large.jsonl"
  fi
  mv "$RESULTS" "$run/results.jsonl"
}

for kind in "${SETS[@]}"; do
  run_set "$kind"
done
# The main corpus is also at WORK/corpus (the path of the commands in BENCHMARKS.md).
if [ -d "$WORK/corpus" ] && [ ! -L "$WORK/corpus" ]; then rm -rf "$WORK/corpus"; fi
ln -sfn "corpus-$MAIN" "$WORK/corpus"

# ---- (e) report ------------------------------------------------------------------------------
say "results (also in $WORK/report.md)"
REPORT_ARGS=()
for kind in "${SETS[@]}"; do
  REPORT_ARGS+=(--set "$kind vocabulary" "$WORK/$kind" "$WORK/corpus-$kind")
done
status=0
"$PYTHON" "$BENCH/report.py" --out "$WORK/report.md" "${REPORT_ARGS[@]}" || status=$?
if [ "$status" -eq 1 ]; then
  echo "compare.sh: at least one newsline target FAILS (see the tables)" >&2
elif [ "$status" -ne 0 ]; then
  die "report.py failed"
fi
exit "$status"
