using System.Data.Common;
using Npgsql;

namespace HyperDsl.Runtime.Studies.Storage.Postgres;

/// <summary>What PostgreSQL's errors mean for the store: which are worth another attempt, and what the user can do about the rest.</summary>
internal static class PostgresFaults
{
    /// <summary>
    /// Whether the server could not be reached, dropped the connection or ended the transaction for
    /// reasons of its own (a deadlock, a serialization failure): in every case the transaction did
    /// not commit, unless the error came during its COMMIT (which the store tells apart).
    /// </summary>
    public static bool IsTransient(DbException exception) => exception switch
    {
        PostgresException server => server.SqlState.StartsWith("08", StringComparison.Ordinal) || server.SqlState is
            PostgresErrorCodes.AdminShutdown or
            PostgresErrorCodes.CrashShutdown or
            PostgresErrorCodes.CannotConnectNow or
            PostgresErrorCodes.TooManyConnections or
            PostgresErrorCodes.IdleSessionTimeout or
            PostgresErrorCodes.SerializationFailure or
            PostgresErrorCodes.DeadlockDetected,

        // Npgsql's own: the network failed (refused, reset, timed out) before or while talking to the server.
        NpgsqlException client => client.IsTransient,
        _ => false,
    };

    /// <summary>A sentence (with a leading space) on what to do about an error that is not transient, or empty.</summary>
    public static string Advice(DbException exception) => (exception as PostgresException)?.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            " Check the user name and password: give them in the URL (percent-encoded), or the password in PGPASSWORD or ~/.pgpass; " +
            "to keep them out of specs and command lines, give the location as env:NAME, NAME being an environment variable that holds the URL.",
        PostgresErrorCodes.InvalidCatalogName => " Create the database first (for example with `createdb`), or name one that exists.",
        PostgresErrorCodes.ReadOnlySqlTransaction =>
            " The server takes only reads here (a standby, or default_transaction_read_only is on for this database or user): give the URL of a database that may be written.",
        PostgresErrorCodes.InsufficientPrivilege =>
            " A new database needs a user who may create tables and types in its schema, once: run `hyp storage upgrade` with such a user's URL. " +
            "Workers then need only to read and write rows (SELECT, INSERT, UPDATE and DELETE on the tables, USAGE on the sequences).",
        _ => "",
    };
}
