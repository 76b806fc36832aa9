namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>What opening a study store did to its database's schema.</summary>
public enum SchemaChange
{
    /// <summary>The schema was complete: nothing changed.</summary>
    None,

    /// <summary>The database was empty: Optuna's tables and HyperDsl's were created.</summary>
    Created,

    /// <summary>The database was Optuna's: HyperDsl's tables were added, Optuna's left as they were.</summary>
    HyperDslTablesAdded,
}
