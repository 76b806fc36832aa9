namespace HyperDsl.Build;

/// <summary>What the build targets pass to the tool for one spec.</summary>
/// <param name="Spec">The spec's full path.</param>
/// <param name="Output">The folder for this spec's generated files (emptied first).</param>
/// <param name="DependencyFile">Where to write the MSBuild file that lists the spec's imports, so the next build knows when to regenerate.</param>
/// <param name="StampFile">Touched when generation succeeds: the target's output.</param>
/// <param name="WarningsAsErrors">All warnings are errors (the project's TreatWarningsAsErrors).</param>
/// <param name="AsErrors">HYP codes that are errors (the project's WarningsAsErrors).</param>
/// <param name="Suppressed">HYP codes not to report (the project's NoWarn).</param>
internal sealed record BuildToolOptions(string Spec, string Output, string DependencyFile, string StampFile, bool WarningsAsErrors, IReadOnlySet<string> AsErrors, IReadOnlySet<string> Suppressed)
{
    /// <summary>Reads <c>--spec F --output D --deps F --stamp F [--warnaserror] [--warnaserror-codes A;B] [--nowarn A;B]</c>; null with a message when something is missing.</summary>
    public static BuildToolOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--warnaserror")
            {
                flags.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                problem = $"unexpected argument '{args[i]}'";
                return null;
            }
        }

        foreach (var required in new[] { "--spec", "--output", "--deps", "--stamp" })
        {
            if (!values.ContainsKey(required))
            {
                problem = $"missing {required}";
                return null;
            }
        }

        problem = null;
        return new BuildToolOptions(values["--spec"], values["--output"], values["--deps"], values["--stamp"], flags.Contains("--warnaserror"),
            Codes(values.GetValueOrDefault("--warnaserror-codes")), Codes(values.GetValueOrDefault("--nowarn")));
    }

    private static HashSet<string> Codes(string? list) =>
        [.. (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.StartsWith("HYP", StringComparison.OrdinalIgnoreCase)).Select(c => c.ToUpperInvariant())];
}
