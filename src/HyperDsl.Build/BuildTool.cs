using System.Security;
using System.Text;
using HyperDsl.Compiler;
using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Resolution;
using HyperDsl.Syntax;
using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Build;

/// <summary>
/// The build's generator: checks one spec, prints its diagnostics in the canonical
/// <c>path(line,col): error HYPnnnn: message</c> form that MSBuild's Exec turns into build errors
/// and warnings, writes the C# of each experiment, and records the spec's imports.
/// Exit codes: 0 generated, 1 errors in the spec, 2 usage or I/O errors.
/// </summary>
internal static class BuildTool
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = BuildToolOptions.Parse(args, out var problem);
        if (options is null)
        {
            error.WriteLine($"hyp-build: error: {problem}. Usage: --spec FILE --output DIR --deps FILE --stamp FILE [--warnaserror] [--warnaserror-codes HYPnnnn;...] [--nowarn HYPnnnn;...]");
            return 2;
        }

        // The same reader as the CLI's: a regular file of at most 1 MiB, never a device or a FIFO.
        var read = SpecFileReader.Read(options.Spec, SpecFileNaming.AnyName);
        if (read.Bytes is null)
        {
            error.WriteLine(HostDiagnostics.SpecUnreadable(options.Spec, read.Reason ?? ""));
            return 2;
        }

        var compilation = HypCompilation.Create([SyntaxTree.Parse(read.Bytes, options.Spec)], new FileSystemSourceResolver());
        var (sources, diagnostics) = HypCompilationEmitter.Emit(compilation);
        var failed = false;
        foreach (var diagnostic in diagnostics.Where(d => !options.Suppressed.Contains(d.Code) || d.IsError))
        {
            var asError = diagnostic.IsError || options.WarningsAsErrors || options.AsErrors.Contains(diagnostic.Code);
            failed |= asError;
            var line = DiagnosticFormatter.ToCanonical(diagnostic);
            output.WriteLine(asError && !diagnostic.IsError ? line.Replace(": warning " + diagnostic.Code, ": error " + diagnostic.Code, StringComparison.Ordinal) : line);
        }

        try
        {
            // The dependencies are written even when the spec fails, so fixing an import triggers the next build.
            WriteDependencies(options, compilation);
            if (failed)
            {
                return 1;
            }

            if (Directory.Exists(options.Output))
            {
                Directory.Delete(options.Output, recursive: true);
            }

            Directory.CreateDirectory(options.Output);
            foreach (var source in sources)
            {
                File.WriteAllText(Path.Combine(options.Output, source.HintName), source.Text);
            }

            File.WriteAllText(options.StampFile, $"{HypCompilationEmitter.Version}\n{string.Join("\n", sources.Select(s => s.HintName))}\n");
            return 0;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(HostDiagnostics.GeneratedCodeUnwritable(options.Spec, failure.Message));
            return 2;
        }
    }

    // An MSBuild file the targets import: the spec's imports become inputs of its generation.
    private static void WriteDependencies(BuildToolOptions options, HypCompilation compilation)
    {
        var imports = compilation.ImportedTrees.Select(t => Path.GetFullPath(t.File.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // A path XML cannot hold (a control character) could only be written as a broken project file.
        if (imports.Prepend(Path.GetFullPath(options.Spec)).FirstOrDefault(p => p.Any(c => !System.Xml.XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))) is { } unwritable)
        {
            throw new IOException($"'{GeneratedText.Comment(unwritable)}' holds a character an MSBuild project file cannot hold; rename it");
        }

        // The spec's name stays out of the comment: '--' may not appear in an XML comment.
        var text = new StringBuilder("<Project>\n  <!-- Written by HyperDsl.Build: the files the spec imports. -->\n  <ItemGroup>\n")
            .Append("    <HypSpec Update=\"").Append(SecurityElement.Escape(Path.GetFullPath(options.Spec))).Append("\" HypImports=\"")
            .Append(SecurityElement.Escape(string.Join(";", imports))).Append("\" />\n  </ItemGroup>\n</Project>\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DependencyFile))!);
        File.WriteAllText(options.DependencyFile, text.ToString());
    }
}
