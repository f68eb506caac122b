#!/usr/bin/env bash
# Compares newsline with scikit-learn (CountVectorizer + MultinomialNB) and fastText on one
# synthetic Vietnamese news corpus, and checks newsline's speed and memory targets.
#
#   bash bench/compare.sh
#
# Steps: (a) a venv bench/.venv with scikit-learn and fasttext, (b) the corpus
# (bench/gen_corpus.py), (c) `cargo build --release`, (d) every tool's train and classify run
# as a whole process (wall time and peak RSS, bench/measure.py), the load + one short document
# latency, and newsline's training peak memory at 10k and 100k documents, then (e) the table
# with PASS/FAIL (bench/report.py; also written to bench/work/report.md).
#
# Settings (environment):
#   DOCS=20000         articles per side (train and test)
#   SEED=1             corpus seed
#   REPEAT=3           runs per train/classify measurement (the median is reported)
#   LAT_REPEAT=20      runs of each load + one document measurement
#   MEM_SMALL=10000    MEM_LARGE=100000   corpus sizes of the training-memory check
#   NL_THREADS=        newsline --threads (default: newsline's default, all cores)
#   NL_NGRAM_MAX=2     newsline's longest n-gram (2, like the baselines; the default model uses 3)
#   FT_THREADS=2       fastText training threads
#   PYTHON=python3     interpreter that creates the venv
#   SKIP_BUILD=1       use the existing target/release/newsline
#
# Everything it makes lives in bench/.venv and bench/work (both git-ignored). Exit status: 0
# when every target passes, 1 when one fails (the table is printed either way), 2 on a setup
# error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/work"
VENV="$BENCH/.venv"
DOCS="${DOCS:-20000}"
SEED="${SEED:-1}"
REPEAT="${REPEAT:-3}"
LAT_REPEAT="${LAT_REPEAT:-20}"
MEM_SMALL="${MEM_SMALL:-10000}"
MEM_LARGE="${MEM_LARGE:-100000}"
FT_THREADS="${FT_THREADS:-2}"
PYTHON="${PYTHON:-python3}"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'compare.sh: error: %s\n' "$*" >&2; exit 2; }

for v in DOCS REPEAT LAT_REPEAT MEM_SMALL MEM_LARGE FT_THREADS; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
[ "$MEM_SMALL" -le "$MEM_LARGE" ] || die "MEM_SMALL ($MEM_SMALL) must not exceed MEM_LARGE ($MEM_LARGE)"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (set PYTHON=...)"
command -v cargo >/dev/null || die "cargo not found: install the Rust toolchain"
mkdir -p "$WORK/out"
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

say "machine"
{
  echo "cores: $(nproc), memory: $(free -h | awk '/^Mem:/ {print $2}'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -m1 'model name' /proc/cpuinfo 2>/dev/null || true
  "$PYTHON" --version
  cargo --version
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

# ---- (b) corpora -----------------------------------------------------------------------------
# A corpus is rebuilt only when the generator or its settings change (stamp file).
gen() { # DIR STAMP ARGS...
  local dir="$1" stamp="$2"
  shift 2
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    echo "reusing $dir" >&2
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  "$PYTHON" "$BENCH/gen_corpus.py" --seed "$SEED" --out "$dir" "$@"
  echo "$stamp" >"$dir/.stamp"
}
GEN_SUM="$(sha256sum "$BENCH/gen_corpus.py" | cut -c1-16)"
CORPUS="$WORK/corpus"
say "corpus: $DOCS articles per side, seed $SEED"
gen "$CORPUS" "$GEN_SUM docs=$DOCS seed=$SEED" --docs "$DOCS"
MEMDIR="$WORK/corpus-mem"
say "memory corpus: $MEM_LARGE training articles"
gen "$MEMDIR" "$GEN_SUM docs=$MEM_LARGE test=0 seed=$SEED" --docs "$MEM_LARGE" --test-docs 0
head -n "$MEM_SMALL" "$MEMDIR/train.jsonl" >"$WORK/mem-small.jsonl"

# A one-line input for the load + one short document latency.
cat >"$WORK/one.jsonl" <<'JSON'
{"id": "one", "title": "Phóng thành công vệ tinh quan sát Trái Đất", "text": "Sáng nay, tên lửa đã đưa vệ tinh quan sát Trái Đất lên quỹ đạo thấp. Trung tâm điều khiển cho biết vệ tinh đã gửi tín hiệu đầu tiên về trạm mặt đất sau khi tách tầng."}
JSON

say "fastText input (folded, lower-case, one line per article)"
: >"$WORK/results.jsonl.tmp"
RESULTS="$WORK/results.jsonl.tmp"
M() { "$PYTHON" "$BENCH/measure.py" --results "$RESULTS" "$@"; }
M --name ft_prep_train -- "$PYTHON" "$BENCH/ft_prep.py" "$CORPUS/train.jsonl" "$WORK/train.ft.txt"
M --name ft_prep_test -- "$PYTHON" "$BENCH/ft_prep.py" "$CORPUS/test.jsonl" "$WORK/test.ft.txt"
"$PYTHON" "$BENCH/ft_prep.py" "$WORK/one.jsonl" "$WORK/one.ft.txt"

# ---- (c) newsline ----------------------------------------------------------------------------
if [ "${SKIP_BUILD:-}" != 1 ]; then
  say "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
fi
NL="${CARGO_TARGET_DIR:-$ROOT/target}/release/newsline"
[ -x "$NL" ] || die "$NL not found (build failed, or set CARGO_TARGET_DIR)"
THREADS=()
if [ -n "${NL_THREADS:-}" ]; then THREADS=(--threads "$NL_THREADS"); fi

# ---- (d) measurements -----------------------------------------------------------------------
say "newsline (threads: ${NL_THREADS:-default, $(nproc) cores})"
# Unigrams and bigrams, like the scikit-learn and fastText runs (the default model also uses
# trigrams, chosen by cross-validation on the real corpus; NL_NGRAM_MAX=3 measures that).
NGRAM=(--ngram-max "${NL_NGRAM_MAX:-2}")
M --name nl_train --repeat "$REPEAT" --bytes "$CORPUS/train.jsonl" -- \
  "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$CORPUS/train.jsonl" --out "$WORK/newsline.json" \
  --labels cybersecurity,summits,space,other
M --name nl_classify --repeat "$REPEAT" --bytes "$CORPUS/test.jsonl" --stdout "$WORK/out/newsline.tsv" -- \
  "$NL" "${THREADS[@]}" classify --model "$WORK/newsline.json" --format tsv "$CORPUS/test.jsonl"
M --name nl_latency --repeat "$LAT_REPEAT" -- \
  "$NL" "${THREADS[@]}" classify --model "$WORK/newsline.json" --format tsv "$WORK/one.jsonl"
M --name nl_mem_small --bytes "$WORK/mem-small.jsonl" --meta "docs=$MEM_SMALL" -- \
  "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$WORK/mem-small.jsonl" --out "$WORK/newsline-small.json"
M --name nl_mem_large --bytes "$MEMDIR/train.jsonl" --meta "docs=$MEM_LARGE" -- \
  "$NL" "${THREADS[@]}" train "${NGRAM[@]}" --data "$MEMDIR/train.jsonl" --out "$WORK/newsline-large.json"

say "scikit-learn (CountVectorizer(strip_accents='unicode', ngram_range=(1, 2)) + MultinomialNB)"
M --name sk_train --repeat "$REPEAT" --bytes "$CORPUS/train.jsonl" -- \
  "$VPY" "$BENCH/sk_train.py" "$CORPUS/train.jsonl" "$WORK/sklearn.pkl"
M --name sk_classify --repeat "$REPEAT" --bytes "$CORPUS/test.jsonl" -- \
  "$VPY" "$BENCH/sk_classify.py" "$WORK/sklearn.pkl" "$CORPUS/test.jsonl" "$WORK/out/sklearn.tsv"
M --name sk_latency --repeat "$LAT_REPEAT" -- \
  "$VPY" "$BENCH/sk_classify.py" "$WORK/sklearn.pkl" "$WORK/one.jsonl" -

say "fastText (supervised, $FT_THREADS threads, 5 epochs, wordNgrams=2)"
M --name ft_train --repeat "$REPEAT" --bytes "$CORPUS/train.jsonl" \
  --meta "own_bytes=$(stat -c %s "$WORK/train.ft.txt")" -- \
  "$VPY" "$BENCH/ft_train.py" "$WORK/train.ft.txt" "$WORK/fasttext.bin" "$FT_THREADS"
M --name ft_classify --repeat "$REPEAT" --bytes "$CORPUS/test.jsonl" \
  --meta "own_bytes=$(stat -c %s "$WORK/test.ft.txt")" -- \
  "$VPY" "$BENCH/ft_classify.py" "$WORK/fasttext.bin" "$WORK/test.ft.txt" "$WORK/out/fasttext.txt"
M --name ft_latency --repeat "$LAT_REPEAT" -- \
  "$VPY" "$BENCH/ft_classify.py" "$WORK/fasttext.bin" "$WORK/one.ft.txt" -

mv "$RESULTS" "$WORK/results.jsonl"

# ---- (e) report ------------------------------------------------------------------------------
say "results (also in bench/work/report.md)"
status=0
"$PYTHON" "$BENCH/report.py" "$WORK/results.jsonl" "$WORK" || status=$?
if [ "$status" -eq 1 ]; then
  echo "compare.sh: at least one newsline target FAILS (see the table)" >&2
elif [ "$status" -ne 0 ]; then
  die "report.py failed"
fi
exit "$status"
