using System.Diagnostics;
using HyperDsl.TestKit;

namespace HyperDsl.Cli.Tests;

/// <summary>
/// <c>hyp importance</c> beside Optuna 3.1's own fANOVA (<c>get_param_importances</c> with
/// <c>FanovaImportanceEvaluator</c>, Debian's python3-optuna and python3-sklearn) on the same stored
/// studies: bench/Importance/compare_with_optuna.py trains a real small study with <c>hyp run</c>
/// and builds a made-up one whose true ranking is known, and both tools must put the same
/// parameter first on each.
/// </summary>
public sealed class ImportanceAgreesWithOptunaTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Hyp_importance_and_optunas_fanova_rank_the_same_parameter_first_on_a_real_and_a_made_up_study()
    {
        var folder = Directory.CreateTempSubdirectory("hyp-importance-optuna-").FullName;
        try
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "bench", "Importance", "compare_with_optuna.py"));
            start.ArgumentList.Add("--hyp");
            start.ArgumentList.Add($"dotnet {Path.Combine(AppContext.BaseDirectory, "hyp.dll")}");
            start.ArgumentList.Add("--keep");
            start.ArgumentList.Add(folder);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(limit.Token);
            var text = await output + await error;

            Assert.False(text.Contains("No module named", StringComparison.Ordinal),
                "Install Optuna 3.1 and scikit-learn for the system Python: apt-get install python3-optuna python3-sklearn (.ci/run does this).\n" + text);
            Assert.True(process.ExitCode == 0, text);
            Assert.Equal(2, text.Split('\n').Count(l => l.Trim() == "top parameter: agrees"));
            Assert.Contains("study 'real':", text, StringComparison.Ordinal);
            Assert.Contains("study 'made_up':", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
