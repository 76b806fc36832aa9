using HyperDsl.Compiler.Emit;
using HyperDsl.Compiler.Lowering;
using HyperDsl.TestKit;

namespace HyperDsl.Compiler.Tests.Lowering;

/// <summary>
/// The canonical text behind study hashes and condition identities: one text per meaning,
/// whatever the layout, comments or spelling, and a new text for every change of meaning.
/// </summary>
public class CanonicalTextTests
{
    private const string Spec = """
        experiment small {
          data {
            source     synthetic(count: 64, shape: [1, 12, 12], classes: 2)
            validation 25%
            augment { hflip(p: 0.5) }
          }
          params {
            lr        ~ loguniform(1e-3, 0.1)
            width     ~ choice(4, 8)
            optimizer ~ choice(sgd, adam)
            momentum  ~ uniform(0.5, 0.99) when optimizer == sgd
            blocks    ~ int(1, 2)
          }
          model {
            for i in 1..blocks {
              conv(width, kernel: 3, padding: same)
              relu
            }
            flatten
            linear(2)
          }
          train {
            epochs    2
            batch     16
            optimizer match optimizer { sgd => sgd(lr: lr, momentum: momentum), adam => adam(lr: lr) }
          }
          tune {
            objective maximize val_accuracy
            trials    4
          }
        }
        """;

    private static BoundExperiment Bind(string text)
    {
        var compilation = CompilationHelper.CompileText(text);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.Experiments).Bound!;
    }

    private static string HashOf(string text) => StudyHash.Of(Bind(text));

    [Fact]
    public void The_canonical_text_of_an_experiment_is_its_baseline()
    {
        BaselineAssert.Matches(CanonicalText.Of(ExperimentLowerer.Lower(Bind(Spec))), "CanonicalTextTests.small.txt");
    }

    [Theory]
    [InlineData("comments and layout", "linear(2)", "linear(2)    // the head\n")]
    [InlineData("a named argument given by position", "conv(width, kernel: 3, padding: same)", "conv(out: width, padding: same, kernel: 3)")]
    [InlineData("a number in another notation", "loguniform(1e-3, 0.1)", "loguniform(0.001, 1e-1)")]
    [InlineData("settings in another order", "epochs    2\n    batch     16", "batch 16\n    epochs 2")]
    [InlineData("the budget", "trials    4", "trials    40\n    sampler random")]
    public void A_change_that_keeps_the_meaning_keeps_the_hash(string change, string from, string to)
    {
        Assert.Contains(from, Spec, StringComparison.Ordinal);
        Assert.True(HashOf(Spec) == HashOf(Spec.Replace(from, to, StringComparison.Ordinal)), change);
    }

    [Theory]
    [InlineData("a layer argument", "linear(2)", "linear(2, bias: false)")]
    [InlineData("a distribution's range", "loguniform(1e-3, 0.1)", "loguniform(1e-4, 0.1)")]
    [InlineData("a condition", "when optimizer == sgd", "when optimizer != adam")]
    [InlineData("an augmentation", "hflip(p: 0.5)", "hflip(p: 0.25)")]
    [InlineData("the data", "count: 64", "count: 65")]
    [InlineData("the training", "epochs    2", "epochs    3")]
    [InlineData("the objective", "maximize val_accuracy", "minimize val_loss")]
    public void A_change_of_meaning_changes_the_hash(string change, string from, string to)
    {
        Assert.Contains(from, Spec, StringComparison.Ordinal);
        Assert.True(HashOf(Spec) != HashOf(Spec.Replace(from, to, StringComparison.Ordinal)), change);
    }

    [Fact]
    public void A_parameter_and_a_keyword_spelled_alike_are_different_names()
    {
        var asParameter = CanonicalText.Of(ExperimentLowerer.Lower(Bind(Spec.Replace("padding: same", "padding: 1", StringComparison.Ordinal))));
        var asKeyword = CanonicalText.Of(ExperimentLowerer.Lower(Bind(Spec)));

        Assert.Contains("\"padding\"=1", asParameter, StringComparison.Ordinal);
        Assert.Contains("\"padding\"=$keyword:\"same\"", asKeyword, StringComparison.Ordinal);
        Assert.Contains("\"out\"=$param:\"width\"", asKeyword, StringComparison.Ordinal);
    }

    // Raising CanonicalText.Version (and these figures) is a decision: every stored study then
    // starts a new version on its next run (docs/studies.md, "Study hash").
    [Theory]
    [InlineData("quickstart.hyp", "quickstart")]
    [InlineData("fashion-mnist-cnn.hyp", "fashion_cnn")]
    [InlineData("medical-transfer.hyp", "chest_xray_transfer")] // layer names (lr_scale's except)
    public void The_hash_of_an_example_is_pinned(string file, string experiment)
    {
        var path = Path.Combine(RepositoryPaths.Root, "examples", file);
        var compilation = CompilationHelper.CompileFile(path);
        var bound = compilation.Experiments.Single(e => e.Name == experiment).Bound!;

        var hash = StudyHash.Of(bound);
        Assert.Equal(1, CanonicalText.Version);
        Assert.True(PinnedHashes[file] == hash,
            $"The study hash of {file} is now {hash}: every stored study of it would start a new version. If that is meant, raise CanonicalText.Version, pin the new hashes and say so in docs/studies.md.");
    }

    private static readonly Dictionary<string, string> PinnedHashes = new(StringComparer.Ordinal)
    {
        ["quickstart.hyp"] = "f37ee00f8af6d7489a06454bbaca9f0e7652eb86fe1be1f802fa609728e264cf",
        ["fashion-mnist-cnn.hyp"] = "3c4681a4d56d20a15bd252a292b08b6952b7913e313bbb9e1a2b0dc2b43deff0",
        ["medical-transfer.hyp"] = "2a585b532acb6eb343ad8d17c5d48b6d724696a62b0bfbde9c9a05156867999e",
    };

    [Fact]
    public void Conditions_that_share_a_long_prefix_have_different_identities()
    {
        var prefix = "lr > 0.001 and lr < 0.002 and width > 4 and width < 8 and lr != 0.0015";
        var bound = Bind($$"""
            experiment c {
              data { source synthetic(count: 8, shape: [1, 4, 4], classes: 2); validation 20% }
              params {
                lr    ~ loguniform(1e-4, 1e-1)
                width ~ int(2, 16)
                a     ~ uniform(0, 1) when {{prefix}} and width == 5
                b     ~ uniform(0, 1) when {{prefix}} and width == 6
                c     ~ uniform(0, 1) when ({{prefix}})   and   width==5
              }
              model { flatten
                linear(2) }
              train { epochs 1
                optimizer sgd(lr: lr) }
              tune { objective maximize val_accuracy }
            }
            """);
        string Identity(string name) => CanonicalText.Of(new ExpressionLowerer(bound.Model).Lower(bound.Parameters.Single(p => p.Name == name).Condition!));

        Assert.True(prefix.Length > 60);
        Assert.NotEqual(Identity("a"), Identity("b"));
        Assert.Equal(Identity("a"), Identity("c"));
    }
}
