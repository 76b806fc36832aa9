#!/usr/bin/env python3
"""Reads a study store with Optuna itself, for the OptunaInteroperabilityTests.

URL is an Optuna storage URL: sqlite:///path or postgresql://user:password@host:port/database.
usage: /usr/bin/python3 optuna_read_study.py read URL STUDY...     print every trial of each study as JSON
       /usr/bin/python3 optuna_read_study.py run-waiting URL STUDY  let Optuna ask (popping a waiting
                                                                    trial), suggest its fixed params, tell 0.5
       /usr/bin/python3 optuna_read_study.py schema URL             CREATE statements of a SQLite store and of a new Optuna one
       /usr/bin/python3 optuna_read_study.py pg-schema URL EMPTY    PostgreSQL catalog of a store and of the empty database
                                                                    EMPTY once Optuna created a study in it
       /usr/bin/python3 optuna_read_study.py fail-stale URL STUDY   Optuna's fail_stale_trials (heartbeats every 60 s,
                                                                    stale after 120 s); print the numbers it failed
       /usr/bin/python3 optuna_read_study.py beat URL STUDY NUMBER  record a heartbeat for trial NUMBER as Optuna does
       /usr/bin/python3 optuna_read_study.py create URL STUDY       create a study as Optuna does
       /usr/bin/python3 optuna_read_study.py delete URL STUDY       delete a study as Optuna does
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


def read(storage, names):
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


def run_waiting(storage, name):
    study = optuna.load_study(study_name=name, storage=storage)
    trial = study.ask()
    fixed = trial.system_attrs.get("fixed_params", {})
    trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    trial.suggest_categorical("optimizer", ["sgd", "adam", "adamw"])
    trial.suggest_int("layers", 1, 5)
    study.tell(trial, 0.5)
    return {"number": trial.number, "fixed_params": fixed, "params": trial.params}


def schema(storage):
    def statements(path):
        with sqlite3.connect(path) as c:
            return {n: s for n, s in c.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}

    with tempfile.TemporaryDirectory() as folder:
        reference = os.path.join(folder, "reference.db")
        optuna.create_study(storage="sqlite:///" + reference)
        return {"ours": statements(storage[len("sqlite:///"):]), "optuna": statements(reference)}


def pg_catalog(url):
    """What PostgreSQL knows of the tables outside HyperDsl's own: columns, constraints, indexes, enums, sequences."""
    import psycopg2

    def rows(cursor, sql):
        cursor.execute(sql)
        return [list(r) for r in cursor.fetchall() if not str(r[0]).startswith("hyperdsl_")]

    with psycopg2.connect(url) as connection, connection.cursor() as c:
        return {
            "columns": rows(c, "SELECT table_name, ordinal_position, column_name, data_type, udt_name, is_nullable, "
                               "column_default, character_maximum_length, numeric_precision, datetime_precision "
                               "FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2"),
            "constraints": rows(c, "SELECT r.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                                   "JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                                   "WHERE n.nspname = current_schema() ORDER BY 1, 2"),
            "indexes": rows(c, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2"),
            "enums": rows(c, "SELECT t.typname, e.enumsortorder, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
                             "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() ORDER BY 1, 2"),
            "sequences": rows(c, "SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences "
                                 "WHERE sequence_schema = current_schema() ORDER BY 1"),
        }


def pg_schema(url, empty):
    optuna.create_study(storage=empty)
    return {"ours": pg_catalog(url), "optuna": pg_catalog(empty)}


def heartbeat_storage(url):
    return optuna.storages.RDBStorage(url, heartbeat_interval=60, grace_period=120)


def fail_stale(url, name):
    storage = heartbeat_storage(url)
    study = optuna.load_study(study_name=name, storage=storage)
    before = {t.number for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.RUNNING}
    optuna.storages.fail_stale_trials(study)
    after = {t.number for t in study.get_trials(deepcopy=False) if t.state == optuna.trial.TrialState.RUNNING}
    return sorted(before - after)


def beat(url, name, number):
    storage = heartbeat_storage(url)
    study = optuna.load_study(study_name=name, storage=storage)
    trial = next(t for t in study.get_trials(deepcopy=False) if t.number == number)
    storage.record_heartbeat(trial._trial_id)
    return {"number": number}


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    command, storage = sys.argv[1], sys.argv[2]
    if command == "read":
        result = read(storage, sys.argv[3:])
    elif command == "run-waiting":
        result = run_waiting(storage, sys.argv[3])
    elif command == "schema":
        result = schema(storage)
    elif command == "pg-schema":
        result = pg_schema(storage, sys.argv[3])
    elif command == "fail-stale":
        result = fail_stale(storage, sys.argv[3])
    elif command == "create":
        result = {"id": optuna.create_study(study_name=sys.argv[3], storage=storage)._study_id}
    elif command == "delete":
        optuna.delete_study(study_name=sys.argv[3], storage=storage)
        result = {"deleted": sys.argv[3]}
    elif command == "beat":
        result = beat(storage, sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(clean(result)))


if __name__ == "__main__":
    main()
