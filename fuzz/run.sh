#!/usr/bin/env bash
# Runs fuzz targets one after another, one job each, on the stable toolchain.
#   fuzz/run.sh [SECONDS] [TARGET...]     (default: 600 s, every target)
# New inputs go to fuzz/work/<target>/ (git-ignored); the seeds in fuzz/corpus/<target>/ are
# only read. Crashes land in fuzz/artifacts/<target>/. Logs go to fuzz/logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(normalize tokenize dates corpus_json model_from_bytes html)
export RUSTC_BOOTSTRAP=1
[ -f fuzz/corpus/model_from_bytes/small-valid.json ] || python3 fuzz/seeds/make_model_seeds.py
mkdir -p fuzz/logs
status=0
for t in "${targets[@]}"; do
    extra=()
    # Full-size model seeds (seeds/make_model_seeds.py --full) are 3.3 MB; libFuzzer would cut
    # them to its default 1 MB limit.
    [ "$t" = model_from_bytes ] && extra=(-max_len=3400000)
    mkdir -p "fuzz/work/$t"
    echo "== $t: ${secs}s" >&2
    cargo fuzz run -O -a "$t" "fuzz/work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -timeout=60 -print_final_stats=1 "${extra[@]}" \
        >"fuzz/logs/$t.log" 2>&1 || { status=1; echo "   $t: stopped (crash?), see fuzz/logs/$t.log" >&2; }
    grep -E "DONE|Done [0-9]+ runs|panicked|SUMMARY|stat::number_of_executed_units" "fuzz/logs/$t.log" >&2
done
exit $status
