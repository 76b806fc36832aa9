using System.CommandLine;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>
/// <c>hyp storage upgrade [LOCATION]</c>: makes a study database's schema complete as a step of
/// its own, for a database owner to run before workers that may not create tables start.
/// </summary>
internal static class StorageCommand
{
    public static Command Create(CliConsole console)
    {
        var location = new Argument<StoreLocation?>("location")
        {
            Description = $"The study database: a SQLite file, sqlite:///path, postgresql://user@host/db, or env:VAR (default: ${StudySpec.StorageVariable}).",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = StoreLocationArgument.Parse,
        };
        var upgrade = new Command("upgrade", "Create the study schema (Optuna 3.1's tables and HyperDsl's) in an empty database, or add HyperDsl's tables to an Optuna one. Safe to run while workers use the database; anything else is refused untouched.")
        {
            location,
        };
        upgrade.SetAction(parse =>
        {
            try
            {
                var given = parse.GetValue(location) ?? StoreLocation.FromEnvironment(StudySpec.StorageVariable);
                if (given is null)
                {
                    console.Error.WriteLine($"hyp: error: Give the study database (a SQLite file, sqlite:///path, postgresql://... or env:VAR), or set ${StudySpec.StorageVariable}.");
                    return ExitCodes.UsageOrIo;
                }

                using var store = StudyStores.Open(given);
                var change = store.Upgrade();
                console.Out.WriteLine(change switch
                {
                    SchemaChange.Created => $"{store.Location}: created the study schema (Optuna 3.1's tables and HyperDsl's).",
                    SchemaChange.HyperDslTablesAdded => $"{store.Location}: added HyperDsl's tables; Optuna's tables and studies are as they were.",
                    _ => $"{store.Location}: the study schema is complete; nothing changed.",
                });
                return ExitCodes.Success;
            }
            catch (StudyStoreException error)
            {
                console.Error.WriteLine($"hyp: error: {error.Message}");
                return ExitCodes.UsageOrIo;
            }
        });

        return new Command("storage", "Manage a study database.") { upgrade };
    }
}
