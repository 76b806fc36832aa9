#!/usr/bin/env bash
# Stopping ASHA against promotion-based ASHA on the quickstart space (issue 18, item 3): best validation
# accuracy found against the epochs spent, same seeds. Usage: compare.sh HYP DATA_DIR [SEEDS...]
#   HYP       the hyp executable (e.g. src/HyperDsl.Cli/bin/Release/net10.0/hyp)
#   DATA_DIR  a folder with Fashion-MNIST's four IDX files (subset.py writes a small one)
set -euo pipefail
hyp=$(realpath "$1"); data=$(realpath "$2"); shift 2
seeds=("${@:-1 2}")
work=$(mktemp -d)
here=$(dirname "$(realpath "$0")")
echo "seed,pruner,trials,complete,epochs_spent,best_val_accuracy,seconds"
for seed in ${seeds[@]}; do
  for variant in stop promote; do
    promote=$([ "$variant" = promote ] && echo ", promote: true" || echo "")
    spec="$work/$variant-$seed.hyp"
    sed -e "s|@DATA@|$data|" -e "s|@PROMOTE@|$promote|" -e "s|@SEED@|$seed|" "$here/quickstart-asha.hyp.in" > "$spec"
    start=$(date +%s)
    "$hyp" run "$spec" --storage "$work/$variant-$seed.db" > "$work/$variant-$seed.log" 2>&1
    end=$(date +%s)
    python3 - "$work/$variant-$seed.db" "$seed" "$variant" $((end - start)) <<'PY'
import sqlite3, sys
db, seed, variant, seconds = sys.argv[1:]
c = sqlite3.connect(db)
trials = c.execute("select count(*) from trials").fetchone()[0]
complete = c.execute("select count(*) from trials where state = 'COMPLETE'").fetchone()[0]
epochs = c.execute("select count(*) from trial_intermediate_values").fetchone()[0]
best = c.execute("select max(v.value) from trial_values v join trials t on t.trial_id = v.trial_id where t.state = 'COMPLETE'").fetchone()[0]
print(f"{seed},{variant},{trials},{complete},{epochs},{best:.4f},{seconds}")
PY
  done
done
