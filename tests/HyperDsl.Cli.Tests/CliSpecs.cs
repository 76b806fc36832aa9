namespace HyperDsl.Cli.Tests;

/// <summary>Specs that several CLI test files run.</summary>
internal static class CliSpecs
{
    /// <summary>One trial of a tiny model on synthetic data: a run that takes a second and needs no data files.</summary>
    public const string QuickSynthetic = """
        experiment slow {
          data {
            source     synthetic(count: 64, shape: [1, 12, 12], classes: 2)
            validation 25%
          }
          params {
            lr ~ loguniform(1e-3, 1e-1)
          }
          model {
            conv(4, kernel: 3)
            relu
            flatten
            linear(2)
          }
          train {
            epochs    1
            batch     64
            optimizer sgd(lr: lr)
          }
          tune {
            objective maximize val_accuracy
            sampler   random
            trials    1
            seed      3
          }
        }
        """;
}
