using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>Opens a study store, turning what can go wrong into one clear line.</summary>
internal static class StudyStoreOpener
{
    public static IStudyStore? Open(StoreLocation location, CliConsole console, out int exitCode)
    {
        try
        {
            exitCode = ExitCodes.Success;
            return StudyStores.Open(location);
        }
        catch (StudyStoreException error)
        {
            console.Error.WriteLine($"hyp: error: {error.Message}");
            exitCode = ExitCodes.UsageOrIo;
            return null;
        }
    }
}
