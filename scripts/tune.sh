#!/usr/bin/env bash
# Cross-validates candidate training settings on training/ and prints one TSV row per
# candidate: the settings, macro-F1 and accuracy with the calibrated threshold, and macro-F1 of
# the bare argmax. Only cross-validation decides the default settings (models/README.md).
#
#   scripts/tune.sh > /tmp/tune.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/newsline
folds=${FOLDS:-5}
printf "fold_diacritics\tngram_max\tmin_df\talpha\ttitle_weight\tposition_decay\tsublinear_tf\tmacro_f1\taccuracy\targmax_macro_f1\n"
run() { # keep ngram min_df alpha title_weight position_decay sublinear
  local flags=(--ngram-max "$2" --min-df "$3" --alpha "$4" --title-weight "$5" --position-decay "$6" --sublinear-tf "$7")
  local fold=true
  if [ "$1" = keep ]; then flags+=(--keep-diacritics); fold=false; fi
  "$bin" evaluate --folds "$folds" --json --data training/ "${flags[@]}" > /tmp/tune_one.json
  python3 - "$fold" "$2" "$3" "$4" "$5" "$6" "$7" <<'PY'
import json, sys
d = json.load(open("/tmp/tune_one.json"))
m, a = d["metrics"], d["argmax_metrics"]
print("\t".join(sys.argv[1:] + [f'{m["macro_f1"]:.4f}', f'{m["accuracy"]:.4f}', f'{a["macro_f1"]:.4f}']))
PY
}
# One setting at a time around the previous defaults (bigrams, alpha 0.1, title weight 2)...
for fold in fold keep; do run $fold 2 2 0.1 2 0 false; done
for ngram in 1 3; do run fold $ngram 2 0.1 2 0 false; done
for min_df in 1 3; do run fold 2 $min_df 0.1 2 0 false; done
for alpha in 0.02 0.05 0.3 1.0; do run fold 2 2 $alpha 2 0 false; done
for tw in 1 3 4 6; do run fold 2 2 0.1 $tw 0 false; done
for pd in 150 300 600 1200; do run fold 2 2 0.1 2 $pd false; done
run fold 2 2 0.1 2 0 true
# ...then combinations of the ones that helped.
for ngram in 2 3; do for alpha in 0.02 0.05 0.1; do for tw in 2 3 4; do run fold $ngram 2 $alpha $tw 0 false; done; done; done
run keep 3 2 0.05 3 0 false
run fold 3 2 0.05 3 300 false
run fold 3 3 0.05 3 0 false
