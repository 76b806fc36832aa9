namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>The versions and table names of the schema the store reads and writes.</summary>
internal static class OptunaSchema
{
    /// <summary>Optuna's alembic revision for its 3.0 and 3.1 releases; a store reads no other.</summary>
    public const string AlembicVersion = "v3.0.0.d";

    /// <summary>What Optuna 3.1 writes into <c>version_info</c>.</summary>
    public const int SchemaVersion = 12;

    public const string LibraryVersion = "3.1.0";

    /// <summary>The version of HyperDsl's own tables; a later HyperDsl that changes them upgrades from here.</summary>
    public const int HyperDslVersion = 1;

    public const string HyperDslSchemaTable = "hyperdsl_schema";

    public const string StudyVersionsTable = "hyperdsl_study_versions";

    public static readonly IReadOnlyList<string> OptunaTables =
    [
        "studies", "version_info", "study_directions", "study_user_attributes", "study_system_attributes",
        "trials", "trial_user_attributes", "trial_system_attributes", "trial_params", "trial_values",
        "trial_intermediate_values", "trial_heartbeats", "alembic_version",
    ];

    public static readonly IReadOnlyList<string> HyperDslTables = [HyperDslSchemaTable, StudyVersionsTable];

    /// <summary>Optuna's alembic revisions before <see cref="AlembicVersion"/>, which its <c>storage upgrade</c> can bring forward.</summary>
    public static readonly IReadOnlySet<string> OlderAlembicVersions =
        new HashSet<string>(StringComparer.Ordinal) { "v0.9.0.a", "v1.2.0.a", "v1.3.0.a", "v2.4.0.a", "v2.6.0.a", "v3.0.0.a", "v3.0.0.b", "v3.0.0.c" };
}
