#!/usr/bin/env bash
# The headline study (issue 15, item 5): HyperDsl (headline.hyp) against PyTorch 1.13 + Optuna 3.1
# (pytorch_optuna.py) on the same space, data, validation split and wall-clock budget, one after the
# other, on 2 CPU threads each. Prints both best-so-far curves against wall time (CSV) and a table.
#
# Usage: bench/Headline/run.sh [--budget 2h] [--quick] [--sides hyperdsl,pytorch] [--seed 42]
#                              [--data DIR] [--hyp PATH] [--out DIR]
#   --budget  no trial starts after this long (s, m or h; default 2h, 3m with --quick); a running trial finishes
#   --quick   the routine size: the first 1,000 training and 500 test images (a check that both sides
#             work, not the headline)
#   --sides   which sides to run, in that order (default hyperdsl,pytorch)
#   --seed    the study seed: the sampler's and the validation split's (default 42)
#   --data    a folder with Fashion-MNIST's four IDX files (default /usr/share/datasets/fashion-mnist)
#   --hyp     the hyp executable (default: src/HyperDsl.Cli built here in Release)
#   --out     where the stores, logs and CSVs go (default a new folder under /tmp)
set -euo pipefail
here=$(dirname "$(realpath "$0")")
root=$(realpath "$here/../..")
budget="" quick=0 sides="hyperdsl,pytorch" seed=42 data=/usr/share/datasets/fashion-mnist hyp="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) budget=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --sides) sides=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --hyp) hyp=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$budget" ] || budget=$([ $quick = 1 ] && echo 3m || echo 2h)
[[ "$budget" =~ ^[0-9]+[smh]$ ]] || { echo "run.sh: --budget takes a whole number of s, m or h, such as 2h or 10m" >&2; exit 2; }
case "$budget" in
  *h) seconds=$(( ${budget%h} * 3600 )) ;;
  *m) seconds=$(( ${budget%m} * 60 )) ;;
  *s) seconds=${budget%s} ;;
  *) echo "run.sh: --budget takes a whole number of s, m or h, such as 2h or 10m" >&2; exit 2 ;;
esac
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "run.sh: --seed takes a whole number" >&2; exit 2; }
out=${out:-$(mktemp -d /tmp/headline.XXXXXX)}
mkdir -p "$out"
out=$(realpath "$out")
data=$(realpath "$data")
if [ $quick = 1 ]; then
  python3 "$here/../AshaPromotion/subset.py" "$data" "$out/data" 1000 500
  data="$out/data"
fi
echo "# headline study: budget $budget ($seconds s), seed $seed, data $data, output $out"
echo "# machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# Both sides' events.csv: seconds since the side's process started, trial, state, val_accuracy,
# best-so-far val_accuracy, test_accuracy, params. summary.csv: the best trial's figures and the trial counts.
run_hyperdsl() {
  if [ -z "$hyp" ]; then
    dotnet build "$root/src/HyperDsl.Cli" -c Release -v quiet -nologo > "$out/build.log" 2>&1 \
      || { echo "run.sh: the Release build failed, see $out/build.log" >&2; exit 1; }
    hyp="$root/src/HyperDsl.Cli/bin/Release/net10.0/hyp"
  fi
  mkdir -p "$out/hyperdsl"
  # The spec with this run's data folder and seed (the seed also draws the validation split, so it is the spec's
  # own, not hyp run's --seed); the budget is hyp run's --timeout.
  sed -e "s|fashion_mnist(\"[^\"]*\")|fashion_mnist(\"$data\")|" -e "s|^\(    seed *\)[0-9]*$|\1$seed|" \
    "$here/headline.hyp" > "$out/hyperdsl/headline.hyp"
  local start
  start=$(date +%s.%N)
  "$hyp" run "$out/hyperdsl/headline.hyp" --storage "$out/hyperdsl/hyperdsl.db" --timeout "$budget" \
    > "$out/hyperdsl/run.log" 2>&1 || echo "# hyp run exited with $? (see $out/hyperdsl/run.log)"
  python3 - "$out/hyperdsl" "$start" "$(date +%s.%N)" <<'PY'
import csv, datetime, json, os, sqlite3, sys
folder, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
db = sqlite3.connect(os.path.join(folder, "hyperdsl.db"))
attrs = {}
for trial_id, key, value in db.execute("select trial_id, key, value_json from trial_user_attributes"):
    attrs.setdefault(trial_id, {})[key] = json.loads(value)
rows = db.execute("""select t.trial_id, t.number, t.state, t.datetime_complete, v.value
                     from trials t left join trial_values v on v.trial_id = t.trial_id and v.objective = 0
                     where t.datetime_complete is not null order by t.datetime_complete""").fetchall()
# Optuna's schema keeps local times without a zone; this process runs on the same clock.
origin = datetime.datetime.fromtimestamp(start)
best, top = None, None
with open(os.path.join(folder, "events.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["seconds", "trial", "state", "val_accuracy", "best_val_accuracy", "test_accuracy", "params"])
    for trial_id, number, state, complete, value in rows:
        a = attrs.get(trial_id, {})
        if state == "COMPLETE" and value is not None and (best is None or value > best):
            best, top = value, trial_id
        test = a.get("metrics", {}).get("test_accuracy")
        seconds = (datetime.datetime.fromisoformat(complete) - origin).total_seconds()
        out.writerow([f"{seconds:.1f}", number, state, "" if value is None or state != "COMPLETE" else f"{value:.4f}",
                      "" if best is None else f"{best:.4f}", "" if test is None else f"{test:.4f}", a.get("model.params", "")])
states = [s for (s,) in db.execute("select state from trials")]
with open(os.path.join(folder, "summary.csv"), "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["side", "best_val_accuracy", "test_accuracy", "params", "trials", "complete", "pruned", "rejected",
                  "failed", "seconds"])
    a = attrs.get(top, {})
    test = a.get("metrics", {}).get("test_accuracy")
    out.writerow(["hyperdsl", "" if best is None else f"{best:.4f}", "" if test is None else f"{test:.4f}",
                  a.get("model.params", ""), len(states), states.count("COMPLETE"), states.count("PRUNED"), 0,
                  states.count("FAIL"), f"{end - start:.0f}"])
PY
}

run_pytorch() {
  mkdir -p "$out/pytorch"
  # libgomp's threads sleep when they wait, as HyperDsl's runtime makes them (OMP_WAIT_POLICY, DEVELOPERS.md):
  # both sides then wait alike; on busy cores spinning costs PyTorch 2-3x. An OMP_WAIT_POLICY already set is kept.
  OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} /usr/bin/python3 -W ignore "$here/pytorch_optuna.py" --data "$data" --budget "$seconds" --seed "$seed" \
    --threads 2 --out "$out/pytorch" > "$out/pytorch/run.log" 2>&1 \
    || echo "# pytorch_optuna.py exited with $? (see $out/pytorch/run.log)"
}

IFS=, read -ra order <<< "$sides"
for side in "${order[@]}"; do
  case "$side" in
    hyperdsl) echo "# running hyperdsl ($(date -u +%H:%M:%S) UTC)"; run_hyperdsl ;;
    pytorch) echo "# running pytorch ($(date -u +%H:%M:%S) UTC)"; run_pytorch ;;
    *) echo "run.sh: unknown side '$side' (hyperdsl or pytorch)" >&2; exit 2 ;;
  esac
done
echo "# machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

echo
echo "# best-so-far curves (seconds since the side's process started)"
echo "side,seconds,trial,state,val_accuracy,best_val_accuracy,test_accuracy,params"
for side in "${order[@]}"; do
  [ -f "$out/$side/events.csv" ] && tail -n +2 "$out/$side/events.csv" | sed "s/^/$side,/"
done
echo
echo "# final table (the best trial by val_accuracy; its test accuracy on the final weights)"
first=1
for side in "${order[@]}"; do
  [ -f "$out/$side/summary.csv" ] || continue
  if [ $first = 1 ]; then head -1 "$out/$side/summary.csv"; first=0; fi
  tail -n +2 "$out/$side/summary.csv"
done | column -t -s,
