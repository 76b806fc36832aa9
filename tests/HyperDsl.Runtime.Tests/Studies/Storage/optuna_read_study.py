#!/usr/bin/env python3
"""Reads a study store with Optuna itself, for OptunaInteroperabilityTests.

usage: /usr/bin/python3 optuna_read_study.py read DB STUDY...   print every trial of each study as JSON
       /usr/bin/python3 optuna_read_study.py run-waiting DB STUDY  let Optuna ask (popping a waiting
                                                                   trial), suggest its fixed params, tell 0.5
       /usr/bin/python3 optuna_read_study.py schema DB             CREATE statements of DB and of a new Optuna DB
Non-finite floats are printed as the strings "NaN", "Infinity", "-Infinity" (strict JSON has none).
"""
import json
import math
import os
import sqlite3
import sys
import tempfile

import optuna


def clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def when(t):
    return None if t is None else t.isoformat()


def trial_json(t):
    return {
        "number": t.number,
        "state": t.state.name,
        "params": {k: {"value": v, "type": type(v).__name__} for k, v in t.params.items()},
        "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
        "intermediate_values": {str(k): v for k, v in sorted(t.intermediate_values.items())},
        "values": t.values,
        "user_attrs": t.user_attrs,
        "system_attrs": t.system_attrs,
        "datetime_start": when(t.datetime_start),
        "datetime_complete": when(t.datetime_complete),
    }


def read(db, names):
    storage = "sqlite:///" + db
    out = {}
    for name in names:
        study = optuna.load_study(study_name=name, storage=storage)
        entry = {
            "directions": [d.name for d in study.directions],
            "user_attrs": study.user_attrs,
            "trials": [trial_json(t) for t in study.trials],
        }
        if len(study.directions) == 1:
            entry["best_value"] = study.best_value
            entry["best_params"] = study.best_params
            entry["best_trial"] = study.best_trial.number
        else:
            entry["best_trials"] = sorted(t.number for t in study.best_trials)
        out[name] = entry
    return out


def run_waiting(db, name):
    study = optuna.load_study(study_name=name, storage="sqlite:///" + db)
    trial = study.ask()
    fixed = trial.system_attrs.get("fixed_params", {})
    trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    trial.suggest_categorical("optimizer", ["sgd", "adam", "adamw"])
    trial.suggest_int("layers", 1, 5)
    study.tell(trial, 0.5)
    return {"number": trial.number, "fixed_params": fixed, "params": trial.params}


def schema(db):
    def statements(path):
        with sqlite3.connect(path) as c:
            return {n: s for n, s in c.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}

    with tempfile.TemporaryDirectory() as folder:
        reference = os.path.join(folder, "reference.db")
        optuna.create_study(storage="sqlite:///" + reference)
        return {"ours": statements(db), "optuna": statements(reference)}


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    command, db = sys.argv[1], sys.argv[2]
    if command == "read":
        result = read(db, sys.argv[3:])
    elif command == "run-waiting":
        result = run_waiting(db, sys.argv[3])
    elif command == "schema":
        result = schema(db)
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(clean(result)))


if __name__ == "__main__":
    main()
