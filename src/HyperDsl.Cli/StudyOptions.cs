using System.CommandLine;
using System.CommandLine.Parsing;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli;

/// <summary>The options that pick a study, shared by <c>run</c>, <c>trials</c>, <c>best</c> and <c>export</c>.</summary>
internal sealed class StudyOptions
{
    /// <summary>Optuna keeps a study's name to 512 characters; a later version adds <c>@v2</c>, <c>@v3</c>, ...</summary>
    private const int MaxStudyName = 500;

    public StudyOptions()
    {
        Experiment.Validators.Add(result => RequireName(result, "an experiment of the file"));
        Study.Validators.Add(result =>
        {
            if (RequireName(result, "the name of the study") is { Length: > MaxStudyName })
            {
                result.AddError($"--study is {Value(result)!.Length} characters long; a study's name has at most {MaxStudyName} (Optuna keeps 512, and a later version adds @v2, @v3, ...).");
            }
        });
    }

    public Option<string?> Experiment { get; } = new("--experiment", "-e") { Description = "Which experiment of the file, when it declares several." };

    public Option<StoreLocation?> Storage { get; } = new("--storage")
    {
        Description = "Where the study lives: a SQLite file, sqlite:///path, postgresql://user@host/db, or env:VAR to read it from a variable (default: $HYP_STORAGE, else the spec's 'storage', else <spec>.study.db beside the spec).",
        CustomParser = StoreLocationArgument.Parse,
    };

    public Option<string?> Study { get; } = new("--study") { Description = "The study's name (default: the experiment's name); later spec versions are NAME@v2, NAME@v3, ..." };

    public StudySelection Read(ParseResult parse) => new(parse.GetValue(Experiment), parse.GetValue(Storage), parse.GetValue(Study));

    /// <summary>Adds an error for an empty, blank or control-character value; returns the value otherwise.</summary>
    private static string? RequireName(OptionResult result, string what)
    {
        var value = Value(result);
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{result.Option.Name} is empty; give {what}.");
            return null;
        }

        if (value.Any(char.IsControl) || value.Trim() != value)
        {
            result.AddError($"{result.Option.Name} has a control character or white space at an end; give {what} without.");
            return null;
        }

        return value;
    }

    private static string? Value(OptionResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
}

/// <summary>The study the command line picked.</summary>
internal sealed record StudySelection(string? Experiment, StoreLocation? Storage, string? Study);
