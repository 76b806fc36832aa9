using System.Data.Common;
using Dapper;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// Makes a database ready for a store: creates Optuna's and HyperDsl's tables in a new one, adds
/// HyperDsl's to an Optuna one, and refuses (without writing anything) a database of another
/// program or of a schema version this HyperDsl does not know. Safe when many workers open one new
/// database at once: the check and the creation run in one transaction that holds the dialect's
/// write lock for the schema, so the first creates the tables and the others find them.
/// </summary>
internal sealed class SchemaInstaller(DbConnection connection, SqlDialect dialect, string location)
{
    /// <summary>Creates what is missing, under the schema's write lock; says what it did.</summary>
    public SchemaChange Install()
    {
        // The first look only reads, so that a database we refuse is left exactly as it was.
        Check(Inspect(null));
        dialect.PrepareForWrites(connection);

        // Under the write lock, look again: another process may have created the tables meanwhile.
        using var transaction = dialect.BeginWrite(connection);
        dialect.Serialize(connection, transaction, "schema");
        var found = Inspect(transaction);
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

        transaction.Commit();
        return change;
    }

    private Found Inspect(DbTransaction? transaction)
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

    private sealed record Found(IReadOnlySet<string> Tables, IReadOnlyList<string> AlembicVersions, long? HyperDslVersion);
}
