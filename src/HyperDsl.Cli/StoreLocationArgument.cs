using System.CommandLine.Parsing;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>
/// Reads a study store location on the command line (<c>--storage</c>, <c>hyp storage upgrade LOCATION</c>)
/// strictly, so that a malformed one is a usage error before anything runs or is created.
/// </summary>
internal static class StoreLocationArgument
{
    public static StoreLocation? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        try
        {
            return StoreLocation.Parse(result.Tokens[0].Value);
        }
        catch (StudyStoreException error)
        {
            result.AddError(error.Message);
            return null;
        }
    }
}
