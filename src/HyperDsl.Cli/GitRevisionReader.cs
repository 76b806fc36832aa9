using System.ComponentModel;
using System.Diagnostics;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Cli;

/// <summary>
/// Reads a file as it was at a git revision (<c>git show REV:./FILE</c>, run in the file's folder
/// as a process with arguments, never through a shell), for <c>hyp diff FILE --from REV</c>.
/// </summary>
internal static class GitRevisionReader
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Why <paramref name="revision"/> is not given to git, as a sentence; null when it may be.</summary>
    public static string? RevisionProblem(string revision) =>

        // An argument that starts with '-' would be read as an option of git's.
        revision.Length == 0 || revision.StartsWith('-') || revision.Any(char.IsControl)
            ? $"'{DiagnosticText.Escape(revision)}' is not a revision; give a commit, branch or tag such as HEAD~1 or main."
            : null;

    /// <summary>
    /// The file's bytes at <paramref name="revision"/> (one <see cref="RevisionProblem"/> accepts),
    /// or null with why not, as a clause that follows "cannot read 'path' at revision 'REV': ".
    /// </summary>
    public static byte[]? Read(string path, string revision, out string? reason)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            reason = $"the folder '{DiagnosticText.Escape(folder)}' does not exist";
            return null;
        }

        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // './NAME' is relative to the working folder, so the file may be anywhere in the repository.
        foreach (var argument in new[] { "--no-pager", "show", "--no-textconv", $"{revision}:./{Path.GetFileName(full)}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            reason = "git is not installed (or not on PATH), and --from reads the old version through git";
            return null;
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var bytes = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = process.StandardOutput.BaseStream.Read(buffer)) > 0)
            {
                if (bytes.Length + read > SpecFileReader.MaxBytes)
                {
                    process.Kill(entireProcessTree: true);
                    reason = $"it is larger than {SpecFileReader.MaxBytes / (1 << 20)} MiB, the most a spec may be";
                    return null;
                }

                bytes.Write(buffer, 0, read);
            }

            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                reason = $"git did not answer within {Limit.TotalSeconds:0} seconds";
                return null;
            }

            if (process.ExitCode != 0)
            {
                var message = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"it exited with {process.ExitCode}";
                message = (message.StartsWith("fatal: ", StringComparison.Ordinal) ? message["fatal: ".Length..] : message).TrimEnd('.');
                reason = $"git says: {DiagnosticText.Excerpt(message, 200)}";
                return null;
            }

            reason = null;
            return bytes.ToArray();
        }
    }
}
