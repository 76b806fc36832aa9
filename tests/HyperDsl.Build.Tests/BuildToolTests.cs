using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Build.Tests;

/// <summary>The build's generator, in process: diagnostics, severities, outputs and the imports it records.</summary>
public sealed class BuildToolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hyperdsl-build-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Blocks = """
        block head(classes: int) {
          flatten
          linear(classes)
        }
        """;

    private const string Spec = """
        import "blocks.hyp"
        experiment small {
          data { source synthetic(count: 64, shape: [1, 8, 8], classes: 2) }
          params {
            lr     ~ loguniform(1e-3, 1e-1)
            unused ~ uniform(0, 1)
          }
          model {
            conv(4, kernel: 3)
            head(classes: 2)
          }
          train {
            epochs    1
            optimizer adam(lr: lr)
          }
          tune {
            objective maximize train_loss
            trials    2
          }
        }
        """;

    [Fact]
    public void A_valid_spec_writes_its_csharp_a_stamp_and_the_files_it_imports()
    {
        var (code, output, _) = Generate(Spec);

        Assert.Equal(0, code);
        Assert.Contains("warning HYP2014", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "Small.g.cs")));
        Assert.Contains("Small.g.cs", File.ReadAllText(Path.Combine(_folder, "small.stamp")), StringComparison.Ordinal);
        Assert.Contains($"HypImports=\"{Path.Combine(_folder, "blocks.hyp")}\"", File.ReadAllText(Path.Combine(_folder, "small.deps.props")), StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_become_errors_by_the_projects_settings_and_nowarn_hides_them()
    {
        var all = Generate(Spec, "--warnaserror");
        var listed = Generate(Spec, "--warnaserror-codes", "CS0168;HYP2014");
        var hidden = Generate(Spec, "--nowarn", "HYP2014", "--warnaserror");

        Assert.Equal(1, all.Code);
        Assert.Contains("error HYP2014", all.Output, StringComparison.Ordinal);
        Assert.Equal(1, listed.Code);
        Assert.Contains("error HYP2014", listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, hidden.Code);
        Assert.DoesNotContain("HYP2014", hidden.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_with_errors_writes_no_stamp_but_records_its_imports()
    {
        var (code, output, _) = Generate(Spec.Replace("conv(4, kernel: 3)", "conv(4, kernal: 3)", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Contains(": error HYP", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "small.stamp")));
        Assert.True(File.Exists(Path.Combine(_folder, "small.deps.props")));
    }

    [Fact]
    public void A_diagnostics_help_follows_its_message_on_the_line_msbuild_shows()
    {
        var (_, output, _) = Generate(Spec.Replace("optimizer adam(lr: lr)", "optimizer adam(lr: lrr)", StringComparison.Ordinal));

        var line = Assert.Single(output.Split('\n'), l => l.Contains("error HYP1001", StringComparison.Ordinal));
        Assert.EndsWith("Did you mean 'lr'?", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_targets_stop_the_build_with_the_catalogued_code()
    {
        var targets = File.ReadAllText(Path.Combine(HyperDsl.TestKit.RepositoryPaths.Root, "src", "HyperDsl.Build", "build", "HyperDsl.Build.targets"));

        var codes = System.Text.RegularExpressions.Regex.Matches(targets, "HYP[0-9]{4}").Select(m => m.Value).Distinct();

        Assert.Equal([HostDiagnostics.SpecDidNotCompileDescriptor.Code], codes);
    }

    [Fact]
    public void A_spec_file_name_with_xml_and_line_separators_gives_well_formed_dependencies_and_safe_csharp()
    {
        var (code, _, error) = GenerateAs("a--b <&> c\u2028d.hyp", Spec);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var dependencies = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(_folder, "small.deps.props")));
        Assert.EndsWith("a--b <&> c\u2028d.hyp", dependencies.Descendants("HypSpec").Single().Attribute("Update")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain('\u2028', File.ReadAllText(Path.Combine(_folder, "out", "Small.g.cs")));
    }

    [Fact]
    public void A_spec_file_name_that_xml_cannot_hold_is_an_io_error_not_a_broken_project_file()
    {
        var (code, _, error) = GenerateAs("a\u0001b.hyp", Spec);

        Assert.Equal(2, code);
        Assert.Contains("a\\u0001b.hyp' holds a character an MSBuild project file cannot hold", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "small.deps.props")));
    }

    [Fact]
    public void Missing_arguments_are_a_usage_error()
    {
        var error = new StringWriter();

        var code = BuildTool.Run(["--spec", "x.hyp"], new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Contains("missing --output", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_that_is_not_a_regular_file_is_an_io_error_without_reading_it()
    {
        var (code, output, error) = Run("/dev/zero");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("/dev/zero: error HYP0000: cannot read the spec: it is a character device, not a regular file.\n", error);
    }

    [Fact]
    public void A_spec_over_the_size_limit_is_an_io_error()
    {
        var path = Path.Combine(_folder, "big.hyp");
        File.WriteAllText(path, "// " + new string('x', 1 << 20) + "\n");

        var (code, _, error) = Run(path);

        Assert.Equal(2, code);
        Assert.Contains("cannot read the spec: it is larger than 1 MiB", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_spec_path_is_an_io_error_not_an_exception()
    {
        var (code, _, error) = Run("");

        Assert.Equal(2, code);
        Assert.Equal(": error HYP0000: cannot read the spec: no file name given.\n", error);
    }

    [Fact]
    public void A_spec_whose_import_is_not_a_spec_reports_it_and_records_no_such_import()
    {
        File.WriteAllText(Path.Combine(_folder, "secret.txt"), "hunter2\n");
        var path = Path.Combine(_folder, "small.hyp");
        File.WriteAllText(path, "import \"secret.txt\"\n");

        var (code, output, _) = Run(path);

        Assert.Equal(1, code);
        Assert.Contains("error HYP1206", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.txt", File.ReadAllText(Path.Combine(_folder, "small.deps.props")), StringComparison.Ordinal);
    }

    private (int Code, string Output, string Error) Run(string spec)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = BuildTool.Run(
            ["--spec", spec, "--output", Path.Combine(_folder, "out"), "--deps", Path.Combine(_folder, "small.deps.props"), "--stamp", Path.Combine(_folder, "small.stamp")],
            output,
            error);
        return (code, output.ToString(), error.ToString());
    }

    private (int Code, string Output, string Error) Generate(string spec, params string[] extra) => GenerateAs("small.hyp", spec, extra);

    private (int Code, string Output, string Error) GenerateAs(string name, string spec, params string[] extra)
    {
        File.WriteAllText(Path.Combine(_folder, "blocks.hyp"), Blocks);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, spec);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BuildTool.Run(
            ["--spec", path, "--output", Path.Combine(_folder, "out"), "--deps", Path.Combine(_folder, "small.deps.props"), "--stamp", Path.Combine(_folder, "small.stamp"), .. extra],
            output,
            error);
        return (code, output.ToString(), error.ToString());
    }
}
