using System.Security.Cryptography;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using Microsoft.Data.Sqlite;

namespace HyperDsl.Cli.Tests;

/// <summary>What <c>hyp run</c> does to a study database it may not, or must not, change: nothing, and it says so before any trial starts.</summary>
public sealed class RunCommandStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyp-run-storage-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_run_refused_by_an_optuna_study_of_the_same_name_leaves_the_database_byte_for_byte_unchanged()
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);
        var database = Path.Combine(_folder, "optuna.db");
        using (var store = SqliteStudyStore.Open(database))
        {
            store.CreateStudy("slow", [StudyDirection.Maximize]);
        }

        // As Optuna leaves it: its tables only, a rollback journal.
        Sql(database, "DROP TABLE hyperdsl_study_versions; DROP TABLE hyperdsl_schema; PRAGMA journal_mode = DELETE");
        var before = Snapshot();

        var result = CliRunner.Run(["run", spec, "--storage", database]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already has a study named 'slow'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_database_this_user_may_not_write_is_reported_before_any_trial_starts()
    {
        var spec = Write("quick.hyp", CliSpecs.QuickSynthetic);
        var database = Path.Combine(_folder, "studies.db");
        Assert.Equal(0, CliRunner.Run(["run", spec, "--storage", database]).ExitCode);
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // The folder stays writable, so SQLite opens the file (read-only) and fails only at a write.
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111);
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)0b111_111_111);
        var before = Hash(database);

        var result = CliRunner.RunProcess(_folder, start => AsAnotherUserIfRoot(start, home), ["run", "quick.hyp", "--storage", "studies.db", "--trials", "3"]);

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Error}{result.Output}");
        Assert.Contains($"{database} cannot be written", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", result.Error, StringComparison.Ordinal);
        Assert.Contains("writable", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("study 'slow'", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, Hash(database));
        using var store = SqliteStudyStore.Open(database);
        Assert.Single(store.Trials(store.FindStudy("slow")!.Value));
    }

    /// <summary>
    /// Root writes any file whatever its mode, so as root the run is made as the user nobody
    /// (setpriv, from util-linux), with a home of its own for the compiled-spec cache.
    /// </summary>
    private static void AsAnotherUserIfRoot(System.Diagnostics.ProcessStartInfo start, string home)
    {
        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment.Remove("HYP_STORAGE");
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        // nobody may not reach the build output (a clone inside a 0700 folder, as mktemp -d makes), so it runs a linked copy in its home.
        var hyp = Path.Combine(home, "hyp");
        CopyLinked(AppContext.BaseDirectory, hyp);
        var command = new List<string> { "--reuid=65534", "--regid=65534", "--clear-groups", start.FileName, Path.Combine(hyp, "hyp.dll") };
        command.AddRange(start.ArgumentList.Skip(1));
        start.FileName = "setpriv";
        start.ArgumentList.Clear();
        command.ForEach(start.ArgumentList.Add);
    }

    // Hard links cost nothing where the two folders share a file system; elsewhere a plain copy.
    private static void CopyLinked(string from, string to)
    {
        foreach (var arguments in new[] { new[] { "-al", from.TrimEnd('/'), to }, new[] { "-a", from.TrimEnd('/'), to } })
        {
            var copy = new System.Diagnostics.ProcessStartInfo("cp") { RedirectStandardError = true };
            arguments.ToList().ForEach(copy.ArgumentList.Add);
            using var process = System.Diagnostics.Process.Start(copy)!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return;
            }

            if (Directory.Exists(to))
            {
                Directory.Delete(to, recursive: true);
            }
        }

        throw new InvalidOperationException($"Could not copy {from} to {to} for the user nobody.");
    }

    private string Snapshot() => string.Join("\n", Directory.GetFiles(_folder).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)} {Hash(f)}"));

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static void Sql(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
