#!/usr/bin/env python3
"""Trials per second of Optuna's RDB storage shared by W worker processes (the side-by-side of
HyperDsl.Bench.Search --throughput): each worker asks (RandomSampler, the 6-parameter space of
shared/bench/optuna_overhead.py) and tells a trivial objective N times on one study.

usage: /usr/bin/python3 optuna_store_throughput.py --storage URL --study NAME --workers W --trials-per-worker N
Prints one JSON line: {"trials_per_s": ...}.
"""
import argparse, json, math, multiprocessing, time

import optuna


def work(storage, study_name, count, seed):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=study_name, storage=storage, sampler=optuna.samplers.RandomSampler(seed=seed))
    for _ in range(count):
        trial = study.ask()
        lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
        wd = trial.suggest_float("weight_decay", 1e-6, 1e-2, log=True)
        dropout = trial.suggest_float("dropout", 0.0, 0.5)
        layers = trial.suggest_int("n_layers", 1, 4)
        bs = trial.suggest_categorical("batch_size", [16, 32, 64, 128])
        opt = trial.suggest_categorical("optimizer", ["sgd", "adam", "adamw"])
        study.tell(trial, (math.log10(lr) + 3) ** 2 + 0.3 * (math.log10(wd) + 4) ** 2 + (dropout - 0.2) ** 2 + 0.1 * (layers - 2) ** 2
                   + 0.05 * abs(math.log2(bs) - 6) + {"sgd": 0.2, "adam": 0.0, "adamw": 0.05}[opt])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--storage", required=True)
    ap.add_argument("--study", required=True)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--trials-per-worker", type=int, default=100)
    a = ap.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    optuna.create_study(study_name=a.study, storage=a.storage, direction="minimize")
    start = time.perf_counter()
    workers = [multiprocessing.Process(target=work, args=(a.storage, a.study, a.trials_per_worker, w)) for w in range(a.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
        if w.exitcode != 0:
            raise SystemExit(f"a worker failed with exit code {w.exitcode}")
    wall = time.perf_counter() - start
    print(json.dumps({"trials_per_s": a.workers * a.trials_per_worker / wall, "wall_s": wall}))


if __name__ == "__main__":
    main()
