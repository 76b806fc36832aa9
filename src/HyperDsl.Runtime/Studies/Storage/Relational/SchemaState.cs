namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>What a database that a store may use has of the schema.</summary>
/// <param name="OptunaTables">Optuna's tables are there (else the database is empty).</param>
/// <param name="HyperDslTables">HyperDsl's tables are there (an Optuna database gets them with the store's first write).</param>
/// <param name="Complete">Nothing is missing: writes need not create anything first.</param>
internal readonly record struct SchemaState(bool OptunaTables, bool HyperDslTables, bool Complete);
