#!/usr/bin/env python3
"""Optuna 3.1's samplers on the mixed space of MixedSpace.cs: categorical branches with
conditional parameters (family -> branin | hartmann3 | quad), one shared parameter; minimised.

usage: /usr/bin/python3 optuna_mixed_quality.py [--seeds 20] [--trials 100] [--budgets 30,50,100]
                                                [--samplers tpe,tpe_mv,random] [--jobs 1]
For each sampler x seed, one study of --trials trials (seed = sampler seed); the best value of the
first B trials is read for each budget B. Reports median and IQR (25th..75th percentile) over
seeds. tpe_mv is TPESampler(multivariate=True, group=True), Optuna's answer to conditional spaces.
HyperDsl.Bench.Search --quality runs this script.
Writes $BENCH_OUT (default: the current folder)/results/optuna_mixed_quality.json.
"""
import argparse, json, math, os, warnings
from multiprocessing import Pool

HERE = os.environ.get("BENCH_OUT", os.getcwd())
ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]]
P = [[0.3689, 0.1170, 0.2673], [0.4699, 0.4387, 0.7470], [0.1091, 0.8732, 0.5547], [0.0381, 0.5743, 0.8828]]


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann3(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(3))) for i in range(4))


def objective(t):
    family = t.suggest_categorical("family", ["branin", "hartmann3", "quad"])
    shift = t.suggest_float("shift", 0, 1)
    shared = (shift - 0.3) ** 2
    if family == "branin":
        x1 = t.suggest_float("x1", -5, 10)
        x2 = t.suggest_float("x2", 0, 15)
        return branin(x1, x2) / 10 + shared
    if family == "hartmann3":
        h = [t.suggest_float(f"h{j}", 0, 1) for j in range(3)]
        return (hartmann3(h) + 3.86278) / 2 + shared
    n = t.suggest_int("n", 1, 64, log=True)
    act = t.suggest_categorical("act", ["relu", "tanh"])
    return 0.5 + (math.log2(n) - 3) ** 2 / 36 + (0.1 if act == "tanh" else 0) + shared


def one(job):
    sampler, seed, n, budgets = job
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore")
    made = {
        "tpe": lambda: optuna.samplers.TPESampler(seed=seed),
        "tpe_mv": lambda: optuna.samplers.TPESampler(seed=seed, multivariate=True, group=True),
        "random": lambda: optuna.samplers.RandomSampler(seed=seed),
    }[sampler]()
    study = optuna.create_study(sampler=made, direction="minimize")
    study.optimize(objective, n_trials=n)
    values = [t.value for t in sorted(study.trials, key=lambda t: t.number)]
    return sampler, seed, {b: min(values[:b]) for b in budgets}


def q(values, p):
    s = sorted(values)
    k = (len(s) - 1) * p
    f, c = math.floor(k), math.ceil(k)
    return s[f] + (s[c] - s[f]) * (k - f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--budgets", default="30,50,100")
    ap.add_argument("--samplers", default="tpe,tpe_mv,random")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    budgets = [int(b) for b in a.budgets.split(",")]
    jobs = [(s, seed, a.trials, budgets) for s in a.samplers.split(",") for seed in range(a.seeds)]
    with Pool(a.jobs) as pool:
        results = pool.map(one, jobs)
    summary = []
    for s in a.samplers.split(","):
        for b in budgets:
            bests = [r[2][b] for r in results if r[0] == s]
            summary.append({"function": "mixed", "sampler": s, "budget": b, "median": q(bests, 0.5), "q25": q(bests, 0.25), "q75": q(bests, 0.75)})
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "optuna_mixed_quality.json"), "w") as f:
        json.dump({"summary": summary}, f, indent=1)
    for row in summary:
        print(row)


if __name__ == "__main__":
    main()
