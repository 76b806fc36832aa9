using System.CommandLine;

namespace HyperDsl.Cli;

/// <summary>The <c>hyp</c> command line: parses arguments and dispatches to a command.</summary>
internal static class HypCli
{
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("HyperDsl: define, check and run hyperparameter studies for convolutional networks.");
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(CompileCommand.Create(console));
        root.Subcommands.Add(DiffCommand.Create(console));
        root.Subcommands.Add(FmtCommand.Create(console));
        root.Subcommands.Add(LspCommand.Create());
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(RunCommand.CreateWorker(console));
        root.Subcommands.Add(TrialsCommand.Create(console));
        root.Subcommands.Add(BestCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(ImportanceCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(StorageCommand.Create(console));

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                console.Error.WriteLine($"hyp: error: {error.Message}");
            }

            console.Error.WriteLine("Run 'hyp --help' for usage.");
            return ExitCodes.UsageOrIo;
        }

        try
        {
            // Commands report every user mistake themselves; what escapes them is a bug, reported in one paragraph.
            return result.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception error)
        {
            return InternalErrorReport.Write(error, console, Environment.GetEnvironmentVariable(InternalErrorReport.DebugVariable) is "1");
        }
    }
}
