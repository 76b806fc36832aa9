#!/usr/bin/env python3
"""Optuna 3.1's NSGAIISampler, TPESampler (multi-objective) and RandomSampler on ZDT1 and ZDT2, two objectives minimised.

usage: /usr/bin/python3 optuna_nsga2_quality.py [--seeds 10] [--trials 300] [--budgets 100,300]
                                                [--dims 30] [--population 20] [--jobs 1] [--samplers nsga2,tpe,random]
For each function x sampler x seed, one study of --trials trials (seed = sampler seed); the
hypervolume of the first B trials' values (reference point (1.1, 11), exact 2-D staircase, as
QualityRun/ParetoQualityRun.cs computes it) is read for each budget B. Reports median and IQR
(25th..75th percentile) over seeds. HyperDsl.Bench.Search --quality runs this script.
Writes $BENCH_OUT (default: the current folder)/results/optuna_nsga2_quality.json.
"""
import argparse, json, math, os, statistics, warnings
from multiprocessing import Pool

HERE = os.environ.get("BENCH_OUT", os.getcwd())
REFERENCE = (1.1, 11.0)
SAMPLERS = ("nsga2", "tpe", "random")  # tpe: Optuna 3.1's TPESampler, multi-objective (MOTPE) with two directions


def zdt(fn, dims):
    def objective(t):
        x = [t.suggest_float(f"x{j}", 0, 1) for j in range(dims)]
        g = 1 + 9 * sum(x[1:]) / (dims - 1)
        f1 = x[0]
        f2 = g * (1 - math.sqrt(f1 / g)) if fn == "zdt1" else g * (1 - (f1 / g) ** 2)
        return f1, f2
    return objective


def hypervolume(points):
    volume, ceiling = 0.0, REFERENCE[1]
    for a, b in sorted(p for p in points if p[0] < REFERENCE[0] and p[1] < REFERENCE[1]):
        if b < ceiling:
            volume += (REFERENCE[0] - a) * (ceiling - b)
            ceiling = b
    return volume


def one(job):
    fn, sampler, seed, n, budgets, dims, population = job
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore")
    made = (optuna.samplers.NSGAIISampler(seed=seed, population_size=population) if sampler == "nsga2"
            else optuna.samplers.TPESampler(seed=seed) if sampler == "tpe"
            else optuna.samplers.RandomSampler(seed=seed))
    study = optuna.create_study(sampler=made, directions=["minimize", "minimize"])
    study.optimize(zdt(fn, dims), n_trials=n)
    values = [tuple(t.values) for t in sorted(study.trials, key=lambda t: t.number)]
    return fn, sampler, seed, {b: hypervolume(values[:b]) for b in budgets}


def q(values, p):
    s = sorted(values)
    k = (len(s) - 1) * p
    f, c = math.floor(k), math.ceil(k)
    return s[f] + (s[c] - s[f]) * (k - f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--trials", type=int, default=300)
    ap.add_argument("--budgets", default="100,300")
    ap.add_argument("--dims", type=int, default=30)
    ap.add_argument("--population", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--samplers", default=",".join(SAMPLERS),
                    help="which of nsga2,tpe,random (Optuna 3.1's TPE takes ~50 s per 100-trial study here, ~7 min per 300)")
    a = ap.parse_args()
    samplers = a.samplers.split(",")
    budgets = [int(b) for b in a.budgets.split(",")]
    jobs = [(fn, s, seed, a.trials, budgets, a.dims, a.population)
            for fn in ("zdt1", "zdt2") for s in samplers for seed in range(a.seeds)]
    with Pool(a.jobs) as pool:
        results = pool.map(one, jobs)
    summary = []
    for fn in ("zdt1", "zdt2"):
        for s in samplers:
            for b in budgets:
                v = [r[3][b] for r in results if r[0] == fn and r[1] == s]
                summary.append({"function": fn, "sampler": s, "budget": b, "median": statistics.median(v),
                                "q25": q(v, 0.25), "q75": q(v, 0.75)})
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "optuna_nsga2_quality.json"), "w") as f:
        json.dump({"summary": summary, "seeds": a.seeds, "dims": a.dims, "population": a.population}, f, indent=1)


if __name__ == "__main__":
    main()
