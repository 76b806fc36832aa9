using System.Data.Common;
using Dapper;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// Reads what schema a database has, refusing (without writing anything) a database of another
/// program or of a schema version this HyperDsl does not know; and creates what is missing (Optuna's
/// and HyperDsl's tables in a new database, HyperDsl's in an Optuna one) inside a write transaction
/// of the store's, so that HyperDsl's tables commit with the first change the store makes to an
/// Optuna database, or roll back with a change that is refused: a database with anything in it is
/// never changed by a run that records nothing. Safe when many workers start on one new database at
/// once: the creation holds the dialect's write lock for the schema, so the first creates the
/// tables and the others find them.
/// </summary>
internal sealed class SchemaInstaller(DbConnection connection, SqlDialect dialect, string location)
{
    /// <summary>What the database has now, without a lock and without writing.</summary>
    /// <exception cref="StudyStoreException">The database is one the store may not use.</exception>
    public SchemaState Inspect()
    {
        var found = Read(null);
        Check(found);
        return found.State;
    }

    /// <summary>Creates what is missing, in <paramref name="transaction"/> (a write transaction), under the schema's lock; says what it did.</summary>
    /// <exception cref="StudyStoreException">The database is one the store may not use.</exception>
    public SchemaChange Install(DbTransaction transaction)
    {
        // Under the write lock, look again: another process may have created the tables meanwhile.
        dialect.Serialize(connection, transaction, "schema");
        var found = Read(transaction);
        Check(found);
        var change = found.HyperDslVersion is null ? SchemaChange.HyperDslTablesAdded : SchemaChange.None;
        if (found.Tables.Count == 0 || !found.Tables.Contains("alembic_version"))
        {
            change = SchemaChange.Created;
            foreach (var statement in dialect.CreateOptunaTables)
            {
                connection.Execute(statement, transaction: transaction);
            }

            connection.Execute(
                "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, @SchemaVersion, @LibraryVersion)",
                new { OptunaSchema.SchemaVersion, OptunaSchema.LibraryVersion },
                transaction);
            connection.Execute("INSERT INTO alembic_version (version_num) VALUES (@AlembicVersion)", new { OptunaSchema.AlembicVersion }, transaction);
        }

        foreach (var (table, statement) in dialect.CreateHyperDslTables)
        {
            if (!found.Tables.Contains(table))
            {
                connection.Execute(statement, transaction: transaction);
            }
        }

        if (found.HyperDslVersion is null)
        {
            connection.Execute($"INSERT INTO {OptunaSchema.HyperDslSchemaTable} (version) VALUES (@HyperDslVersion)", new { OptunaSchema.HyperDslVersion }, transaction);
        }

        return change;
    }

    private Found Read(DbTransaction? transaction)
    {
        var tables = dialect.Tables(connection, transaction);
        var alembic = tables.Contains("alembic_version")
            ? connection.Query<string>("SELECT version_num FROM alembic_version", transaction: transaction).ToList()
            : [];
        var ours = tables.Contains(OptunaSchema.HyperDslSchemaTable)
            ? connection.ExecuteScalar<long?>($"SELECT MAX(version) FROM {OptunaSchema.HyperDslSchemaTable}", transaction: transaction)
            : null;
        return new Found(tables, alembic, ours);
    }

    private void Check(Found found)
    {
        if (found.Tables.Count == 0)
        {
            return;
        }

        var optuna = OptunaSchema.OptunaTables.Where(found.Tables.Contains).ToList();
        if (optuna.Count == 0)
        {
            var what = OptunaSchema.HyperDslTables.Any(found.Tables.Contains)
                ? "has HyperDsl's tables but none of Optuna's, so it is damaged"
                : $"is a database of another program (tables: {string.Join(", ", found.Tables.Order(StringComparer.Ordinal))})";
            throw Refuse($"{what}, not a study store. Give {dialect.NewStore}, or {dialect.ExistingStore} made by HyperDsl or Optuna 3.0/3.1.");
        }

        if (found.AlembicVersions.Count == 0)
        {
            throw Refuse(
                $"is an Optuna database without a schema version (its alembic_version table is missing or empty), from an Optuna older than HyperDsl reads ({OptunaSchema.AlembicVersion}, Optuna 3.0/3.1). " +
                $"Upgrade it with Optuna 3.1's `optuna storage upgrade --storage {dialect.OptunaUrl(location)}`, or give {dialect.NewStore}.");
        }

        var version = string.Join(", ", found.AlembicVersions);
        if (found.AlembicVersions.Count != 1 || found.AlembicVersions[0] != OptunaSchema.AlembicVersion)
        {
            throw Refuse(OptunaSchema.OlderAlembicVersions.Contains(version)
                ? $"has Optuna's schema {version}, from an older Optuna; HyperDsl reads {OptunaSchema.AlembicVersion} (Optuna 3.0/3.1). Upgrade it with Optuna 3.1's `optuna storage upgrade --storage {dialect.OptunaUrl(location)}`, or give {dialect.NewStore}."
                : $"has Optuna's schema {version}, which HyperDsl does not read (it reads {OptunaSchema.AlembicVersion}, Optuna 3.0/3.1, and Optuna cannot downgrade a database). Give {dialect.NewStore}.");
        }

        var missing = OptunaSchema.OptunaTables.Where(t => !found.Tables.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw Refuse($"lacks Optuna's tables {string.Join(", ", missing)}, so it is damaged. Give {dialect.NewStore}.");
        }

        if (found.HyperDslVersion > OptunaSchema.HyperDslVersion)
        {
            throw Refuse(
                $"was written by a newer HyperDsl (its HyperDsl tables are at version {found.HyperDslVersion}; this HyperDsl knows up to {OptunaSchema.HyperDslVersion}). " +
                $"Use that HyperDsl or a newer one, or give {dialect.NewStore}.");
        }
    }

    private StudyStoreException Refuse(string problem) => new($"{location} {problem} Nothing in it was changed.");

    private sealed record Found(IReadOnlySet<string> Tables, IReadOnlyList<string> AlembicVersions, long? HyperDslVersion)
    {
        /// <summary>Meaningful once <see cref="Check"/> passed: Optuna's tables are then all there or none is.</summary>
        public SchemaState State => new(
            OptunaTables: Tables.Contains("alembic_version"),
            HyperDslTables: OptunaSchema.HyperDslTables.All(Tables.Contains),
            Complete: Tables.Contains("alembic_version") && HyperDslVersion is not null && OptunaSchema.HyperDslTables.All(Tables.Contains));
    }
}
