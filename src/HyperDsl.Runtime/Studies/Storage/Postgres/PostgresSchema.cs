using HyperDsl.Runtime.Studies.Storage.Relational;

namespace HyperDsl.Runtime.Studies.Storage.Postgres;

/// <summary>
/// The tables in PostgreSQL, as the exact statements SQLAlchemy issues when Optuna 3.1 creates a
/// study on a new database (read from its echo), plus HyperDsl's own. Where SQLite has VARCHAR,
/// Optuna's enums are PostgreSQL enum types here (SQLAlchemy's native enums), keys are SERIAL,
/// floats FLOAT(53) (double precision) and times TIMESTAMP WITHOUT TIME ZONE; constraints are left
/// unnamed so that PostgreSQL names them as in a database Optuna made.
/// </summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<string> OptunaTables =
    [
        "CREATE TYPE studydirection AS ENUM ('NOT_SET', 'MINIMIZE', 'MAXIMIZE')",
        "CREATE TYPE trialstate AS ENUM ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')",
        "CREATE TYPE trialvaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG')",
        "CREATE TYPE trialintermediatevaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG', 'NAN')",
        Table("studies", "study_id SERIAL NOT NULL", "study_name VARCHAR(512) NOT NULL", "PRIMARY KEY (study_id)"),
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        Table("version_info", "version_info_id INTEGER NOT NULL", "schema_version INTEGER", "library_version VARCHAR(256)", "PRIMARY KEY (version_info_id)", "CHECK (version_info_id=1)"),
        Table("study_directions", "study_direction_id SERIAL NOT NULL", "direction studydirection NOT NULL", "study_id INTEGER NOT NULL", "objective INTEGER NOT NULL", "PRIMARY KEY (study_direction_id)", "UNIQUE (study_id, objective)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
        Attributes("study_user_attributes", "study_user_attribute_id", "study_id", "studies"),
        Attributes("study_system_attributes", "study_system_attribute_id", "study_id", "studies"),
        Table("trials", "trial_id SERIAL NOT NULL", "number INTEGER", "study_id INTEGER", "state trialstate NOT NULL", "datetime_start TIMESTAMP WITHOUT TIME ZONE", "datetime_complete TIMESTAMP WITHOUT TIME ZONE", "PRIMARY KEY (trial_id)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
        Attributes("trial_user_attributes", "trial_user_attribute_id", "trial_id", "trials"),
        Attributes("trial_system_attributes", "trial_system_attribute_id", "trial_id", "trials"),
        Table("trial_params", "param_id SERIAL NOT NULL", "trial_id INTEGER", "param_name VARCHAR(512)", "param_value FLOAT(53)", "distribution_json TEXT", "PRIMARY KEY (param_id)", "UNIQUE (trial_id, param_name)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_values", "trial_value_id SERIAL NOT NULL", "trial_id INTEGER NOT NULL", "objective INTEGER NOT NULL", "value FLOAT(53)", "value_type trialvaluetype NOT NULL", "PRIMARY KEY (trial_value_id)", "UNIQUE (trial_id, objective)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_intermediate_values", "trial_intermediate_value_id SERIAL NOT NULL", "trial_id INTEGER NOT NULL", "step INTEGER NOT NULL", "intermediate_value FLOAT(53)", "intermediate_value_type trialintermediatevaluetype NOT NULL", "PRIMARY KEY (trial_intermediate_value_id)", "UNIQUE (trial_id, step)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_heartbeats", "trial_heartbeat_id SERIAL NOT NULL", "trial_id INTEGER NOT NULL", "heartbeat TIMESTAMP WITHOUT TIME ZONE NOT NULL", "PRIMARY KEY (trial_heartbeat_id)", "UNIQUE (trial_id)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("alembic_version", "version_num VARCHAR(32) NOT NULL", "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)"),
    ];

    /// <summary>
    /// HyperDsl's tables. Unlike SQLite, PostgreSQL always enforces foreign keys: a study version goes
    /// with its study (ON DELETE CASCADE), or Optuna's <c>delete_study</c> could not delete one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> HyperDslTables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OptunaSchema.HyperDslSchemaTable] = Table(OptunaSchema.HyperDslSchemaTable, "version INTEGER NOT NULL"),
        [OptunaSchema.StudyVersionsTable] = Table(
            OptunaSchema.StudyVersionsTable,
            "study_id INTEGER NOT NULL",
            "experiment TEXT NOT NULL",
            "version INTEGER NOT NULL",
            "spec_hash TEXT NOT NULL",
            "spec_path TEXT",
            "spec_text TEXT",
            "compiler_version TEXT",
            "created TIMESTAMP WITHOUT TIME ZONE",
            "PRIMARY KEY (study_id)",
            "UNIQUE (experiment, version)",
            "UNIQUE (experiment, spec_hash)",
            "FOREIGN KEY(study_id) REFERENCES studies (study_id) ON DELETE CASCADE"),
    };

    // SQLAlchemy leaves "key" unquoted here: it is not reserved in PostgreSQL.
    private static string Attributes(string table, string id, string owner, string ownerTable) =>
        Table(table, $"{id} SERIAL NOT NULL", $"{owner} INTEGER", "key VARCHAR(512)", "value_json TEXT", $"PRIMARY KEY ({id})", $"UNIQUE ({owner}, key)", $"FOREIGN KEY({owner}) REFERENCES {ownerTable} ({owner})");

    /// <summary>SQLAlchemy's layout: one column or constraint a line, tab-indented, ", " before each line break.</summary>
    private static string Table(string name, params string[] lines) => $"CREATE TABLE {name} (\n\t{string.Join(", \n\t", lines)}\n)";
}
