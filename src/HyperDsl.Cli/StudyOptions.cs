using System.CommandLine;

namespace HyperDsl.Cli;

/// <summary>The options that pick a study, shared by <c>run</c>, <c>trials</c>, <c>best</c> and <c>export</c>.</summary>
internal sealed class StudyOptions
{
    public Option<string?> Experiment { get; } = new("--experiment", "-e") { Description = "Which experiment of the file, when it declares several." };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Where the study lives: a SQLite file, sqlite:///path, postgresql://user@host/db, or env:VAR to read it from a variable (default: $HYP_STORAGE, else the spec's 'storage', else <spec>.study.db beside the spec).",
    };

    public Option<string?> Study { get; } = new("--study") { Description = "The study's name (default: the experiment's name); later spec versions are NAME@v2, NAME@v3, ..." };

    public StudySelection Read(ParseResult parse) => new(parse.GetValue(Experiment), parse.GetValue(Storage), parse.GetValue(Study));
}

/// <summary>The study the command line picked.</summary>
internal sealed record StudySelection(string? Experiment, string? Storage, string? Study);
