#!/usr/bin/env python3
"""hyp importance (fANOVA in C#) beside Optuna 3.1's get_param_importances(FanovaImportanceEvaluator)
on the same stored studies: does the top parameter agree?

usage: /usr/bin/python3 bench/Importance/compare_with_optuna.py [--hyp "dotnet src/HyperDsl.Cli/bin/Release/net10.0/hyp.dll"]
       [--trials 24] [--made-up 60] [--seed 0] [--keep DIR]
Needs Debian's python3-optuna (3.1) and python3-sklearn, and hyp built (dotnet build src/HyperDsl.Cli -c Release).

Two studies, each in its own SQLite file, which both tools read:
- "real": `hyp run` trains --trials trials of a tiny CNN on synthetic data (random sampler): lr
  (loguniform), width (int) and momentum (uniform) against val_accuracy;
- "made-up": one real trial, then --made-up trials added through Optuna's own API with the value
  log10(lr) + 0.2*width (momentum plays no part), so the true ranking is lr, width, momentum.
Exit code 1 when the top parameters differ on any study.
"""
import argparse, math, os, random, re, shlex, subprocess, sys, tempfile, warnings

import optuna
from optuna.distributions import FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator, get_param_importances

SPEC = """experiment {name} {{
  data {{
    source     synthetic(count: 256, shape: [1, 12, 12], classes: 2)
    validation 25%
  }}
  params {{
    lr       ~ loguniform(1e-4, 1e-1)
    width    ~ int(2, 8)
    momentum ~ uniform(0, 0.9)
  }}
  model {{
    conv(width, kernel: 3)
    relu
    flatten
    linear(2)
  }}
  train {{
    epochs    3
    batch     32
    optimizer sgd(lr: lr, momentum: momentum)
  }}
  tune {{
    objective maximize val_accuracy
    sampler   random
    trials    {trials}
    seed      5
  }}
}}
"""

ROW = re.compile(r"^\s*(\S+)\s+([0-9.]+)\s+([0-9.]+)%\s*$")


def hyp_importance(hyp, spec, seed):
    out = subprocess.run(hyp + ["importance", spec, "--seed", str(seed)], check=True, capture_output=True, text=True).stdout
    return [(m.group(1), float(m.group(3)) / 100) for m in map(ROW.match, out.splitlines()) if m]


def optuna_importance(database, study, seed):
    loaded = optuna.load_study(study_name=study, storage=f"sqlite:///{database}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ranked = get_param_importances(loaded, evaluator=FanovaImportanceEvaluator(seed=seed))
        except RuntimeError as error:  # every trial had the same value
            print(f"  optuna on '{study}': {error}")
            return []
    return list(ranked.items())


def add_made_up_trials(database, study, count, seed):
    rng = random.Random(seed)
    loaded = optuna.load_study(study_name=study, storage=f"sqlite:///{database}")
    distributions = {
        "lr": FloatDistribution(1e-4, 1e-1, log=True),
        "width": IntDistribution(2, 8),
        "momentum": FloatDistribution(0, 0.9),
    }
    for _ in range(count):
        params = {"lr": 10 ** rng.uniform(-4, -1), "width": rng.randint(2, 8), "momentum": rng.uniform(0, 0.9)}
        value = math.log10(params["lr"]) + 0.2 * params["width"]
        loaded.add_trial(optuna.trial.create_trial(params=params, distributions=distributions, value=value))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", default="dotnet src/HyperDsl.Cli/bin/Release/net10.0/hyp.dll")
    parser.add_argument("--trials", type=int, default=24)
    parser.add_argument("--made-up", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", help="leave the specs and databases in this folder")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    hyp = shlex.split(args.hyp)
    folder = args.keep or tempfile.mkdtemp(prefix="hyp-importance-bench-")
    os.makedirs(folder, exist_ok=True)
    print(f"optuna {optuna.__version__}; studies in {folder}")

    agree = True
    for name, trials in (("real", args.trials), ("made_up", 1)):
        spec = os.path.join(folder, f"{name}.hyp")
        with open(spec, "w") as f:
            f.write(SPEC.format(name=name, trials=trials))
        subprocess.run(hyp + ["run", spec], check=True, capture_output=True, text=True)
        database = os.path.join(folder, f"{name}.study.db")
        if name == "made_up":
            add_made_up_trials(database, name, args.made_up, args.seed)
        ours = hyp_importance(hyp, spec, args.seed)
        theirs = optuna_importance(database, name, args.seed)
        print(f"\nstudy '{name}':")
        print(f"  {'rank':<5}{'hyp importance':<28}{'optuna fANOVA':<28}")
        for i in range(max(len(ours), len(theirs))):
            a = f"{ours[i][0]} {ours[i][1]:.1%}" if i < len(ours) else ""
            b = f"{theirs[i][0]} {theirs[i][1]:.1%}" if i < len(theirs) else ""
            print(f"  {i + 1:<5}{a:<28}{b:<28}")
        same = bool(ours) and bool(theirs) and ours[0][0] == theirs[0][0]
        agree &= same
        print(f"  top parameter: {'agrees' if same else 'DIFFERS'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
