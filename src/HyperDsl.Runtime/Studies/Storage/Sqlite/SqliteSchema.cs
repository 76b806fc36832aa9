using HyperDsl.Runtime.Studies.Storage.Relational;

namespace HyperDsl.Runtime.Studies.Storage.Sqlite;

/// <summary>
/// The tables in SQLite, as the exact statements SQLAlchemy issues for Optuna 3.1 (the text SQLite
/// keeps in <c>sqlite_master</c> is then the same as in a database Optuna made), plus HyperDsl's own.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> OptunaTables =
    [
        Table("studies", "study_id INTEGER NOT NULL", "study_name VARCHAR(512) NOT NULL", "PRIMARY KEY (study_id)"),
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        Table("version_info", "version_info_id INTEGER NOT NULL", "schema_version INTEGER", "library_version VARCHAR(256)", "PRIMARY KEY (version_info_id)", "CHECK (version_info_id=1)"),
        Table("study_directions", "study_direction_id INTEGER NOT NULL", "direction VARCHAR(8) NOT NULL", "study_id INTEGER NOT NULL", "objective INTEGER NOT NULL", "PRIMARY KEY (study_direction_id)", "UNIQUE (study_id, objective)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
        Attributes("study_user_attributes", "study_user_attribute_id", "study_id", "studies"),
        Attributes("study_system_attributes", "study_system_attribute_id", "study_id", "studies"),
        Table("trials", "trial_id INTEGER NOT NULL", "number INTEGER", "study_id INTEGER", "state VARCHAR(8) NOT NULL", "datetime_start DATETIME", "datetime_complete DATETIME", "PRIMARY KEY (trial_id)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
        Attributes("trial_user_attributes", "trial_user_attribute_id", "trial_id", "trials"),
        Attributes("trial_system_attributes", "trial_system_attribute_id", "trial_id", "trials"),
        Table("trial_params", "param_id INTEGER NOT NULL", "trial_id INTEGER", "param_name VARCHAR(512)", "param_value FLOAT", "distribution_json TEXT", "PRIMARY KEY (param_id)", "UNIQUE (trial_id, param_name)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_values", "trial_value_id INTEGER NOT NULL", "trial_id INTEGER NOT NULL", "objective INTEGER NOT NULL", "value FLOAT", "value_type VARCHAR(7) NOT NULL", "PRIMARY KEY (trial_value_id)", "UNIQUE (trial_id, objective)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_intermediate_values", "trial_intermediate_value_id INTEGER NOT NULL", "trial_id INTEGER NOT NULL", "step INTEGER NOT NULL", "intermediate_value FLOAT", "intermediate_value_type VARCHAR(7) NOT NULL", "PRIMARY KEY (trial_intermediate_value_id)", "UNIQUE (trial_id, step)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("trial_heartbeats", "trial_heartbeat_id INTEGER NOT NULL", "trial_id INTEGER NOT NULL", "heartbeat DATETIME NOT NULL", "PRIMARY KEY (trial_heartbeat_id)", "UNIQUE (trial_id)", "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)"),
        Table("alembic_version", "version_num VARCHAR(32) NOT NULL", "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)"),
    ];

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
            "created DATETIME",
            "PRIMARY KEY (study_id)",
            "UNIQUE (experiment, version)",
            "UNIQUE (experiment, spec_hash)",
            "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
    };

    private static string Attributes(string table, string id, string owner, string ownerTable) =>
        Table(table, $"{id} INTEGER NOT NULL", $"{owner} INTEGER", "\"key\" VARCHAR(512)", "value_json TEXT", $"PRIMARY KEY ({id})", $"UNIQUE ({owner}, \"key\")", $"FOREIGN KEY({owner}) REFERENCES {ownerTable} ({owner})");

    /// <summary>SQLAlchemy's layout: one column or constraint a line, tab-indented, ", " before each line break.</summary>
    private static string Table(string name, params string[] lines) => $"CREATE TABLE {name} (\n\t{string.Join(", \n\t", lines)}\n)";
}
