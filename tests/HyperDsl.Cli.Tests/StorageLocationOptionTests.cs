namespace HyperDsl.Cli.Tests;

/// <summary>
/// How every command that takes a study store reads <c>--storage</c>, <c>$HYP_STORAGE</c>,
/// <c>--study</c> and <c>--experiment</c>: a value it cannot use is a usage error (exit code 2),
/// one paragraph without a stack trace or a password, and nothing is created for it.
/// </summary>
public sealed class StorageLocationOptionTests : IDisposable
{
    private const string Password = "hunter2";

    private static readonly string[] Commands = ["run", "worker", "trials", "best", "export", "importance", "report", "storage upgrade"];

    private static readonly string[] RefusedLocations =
    [
        "",
        "   ",
        "postgresql://u:hunter2@[::1/db",
        "postgresql://u:hunter2@db:port/db",
        "Host=db.internal;Username=hyp;Password=hunter2",
        "sqlite:/tmp/hyp-one-slash.db",
        "mysql://u:hunter2@db/studies",
        "env:HYP_TEST_UNSET_VARIABLE",
        "studies.db\n",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-location-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> CommandsAndRefusedLocations()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands)
        {
            foreach (var location in RefusedLocations)
            {
                data.Add(command, location);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsAndRefusedLocations))]
    public void A_storage_location_that_is_refused_is_a_usage_error_in_one_paragraph(string command, string location)
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);

        var result = CliRunner.Run(command == "storage upgrade" ? ["storage", "upgrade", location] : [command, spec, "--storage", location]);

        AssertUsageError(result);
        Assert.Equal([spec], Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("run", "postgresql://u:hunter2@[::1/db")]
    [InlineData("worker", "Host=db.internal;Username=hyp;Password=hunter2")]
    [InlineData("trials", "sqlite:/tmp/hyp-one-slash.db")]
    [InlineData("best", "   ")]
    [InlineData("export", "sqlite:hyp-no-slash.db")]
    [InlineData("storage upgrade", "Data Source=studies.db;Password=hunter2")]
    public void A_hyp_storage_that_is_refused_is_a_usage_error_that_creates_nothing(string command, string location)
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);

        var result = CliRunner.RunProcess(
            _folder,
            start => start.Environment["HYP_STORAGE"] = location,
            command == "storage upgrade" ? ["storage", "upgrade"] : [command, "quick.hyp"]);

        AssertUsageError(result);
        Assert.Contains("HYP_STORAGE", result.Error, StringComparison.Ordinal);
        Assert.Equal([spec], Directory.GetFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("run", "--study", "")]
    [InlineData("worker", "--study", " ")]
    [InlineData("trials", "--study", "a\nb")]
    [InlineData("best", "--study", " padded")]
    [InlineData("export", "--study", "")]
    [InlineData("run", "--experiment", "")]
    [InlineData("trials", "--experiment", "  ")]
    public void An_empty_or_blank_name_is_a_usage_error(string command, string option, string value)
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);

        var result = CliRunner.Run([command, spec, option, value, "--storage", Path.Combine(_folder, "studies.db")]);

        AssertUsageError(result);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.Equal([spec], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_study_name_too_long_for_optuna_is_a_usage_error()
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);

        var result = CliRunner.Run(["run", spec, "--study", new string('s', 501)]);

        AssertUsageError(result);
        Assert.Contains("at most 500", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_that_names_a_shared_database_as_its_storage_is_refused_by_the_check_before_anything_is_opened()
    {
        var spec = Write("shared.hyp", CliSpecs.QuickSynthetic.Replace("seed      3", "seed      3\n    storage   \"postgresql://u:hunter2@127.0.0.1:1/db\"", StringComparison.Ordinal));

        var result = CliRunner.Run(["run", spec]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error HYP4013", result.Error, StringComparison.Ordinal);
        Assert.Contains("inside its own folder", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
    }

    private static void AssertUsageError(CliResult result)
    {
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Error}");
        Assert.StartsWith("hyp: error: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.Error.Count(c => c == '\n'), 1, 2);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

}
