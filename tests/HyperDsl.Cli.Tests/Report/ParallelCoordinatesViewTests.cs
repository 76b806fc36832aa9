using System.Text.Json.Nodes;
using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Tests.Report;

public sealed class ParallelCoordinatesViewTests
{
    private static readonly IReadOnlyList<ParameterSpace> Space =
    [
        new FloatSpace("lr", 1e-4, 1e-1, Log: true, Step: null, Condition: null),
        new CategoricalSpace("optimizer", ["adam", "sgd"], Condition: null),
        new FloatSpace("momentum", 0.8, 0.99, Log: false, Step: null, Condition: "optimizer == sgd"),
    ];

    [Fact]
    public void An_unused_conditional_parameter_sits_on_its_own_not_used_level_below_its_range()
    {
        var momentum = Dimension(Figure(), "momentum");

        var notUsed = momentum["tickvals"]!.AsArray()[0]!.GetValue<double>();
        Assert.Equal("not used", momentum["ticktext"]!.AsArray()[0]!.GetValue<string>());
        Assert.True(notUsed < 0.8, $"the 'not used' level {notUsed} is inside the range");
        Assert.Equal(notUsed, momentum["range"]!.AsArray()[0]!.GetValue<double>());
        Assert.Equal([0.9, notUsed, 0.85], momentum["values"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public void A_log_range_is_drawn_on_its_log_scale_labelled_with_real_values()
    {
        var lr = Dimension(Figure(), "lr (log)");

        Assert.Equal([-3.0, -2.0, -1.0], lr["values"]!.AsArray().Select(v => Math.Round(v!.GetValue<double>(), 9)));
        Assert.Equal(["0.0001", "0.000562", "0.00316", "0.0178", "0.1"], lr["ticktext"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void A_choice_is_one_level_per_choice()
    {
        var optimizer = Dimension(Figure(), "optimizer");

        Assert.Equal(["adam", "sgd"], optimizer["ticktext"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([1, 0, 1], optimizer["values"]!.AsArray().Select(v => v!.GetValue<int>()));
    }

    private static PlotlyFigure Figure()
    {
        StoredTrial Trial(int number, double lr, string optimizer, double? momentum, double value)
        {
            var parameters = new Dictionary<string, object> { ["lr"] = lr, ["optimizer"] = optimizer };
            if (momentum is { } m)
            {
                parameters["momentum"] = m;
            }

            return new StoredTrial(number, number, TrialState.Complete, [value], parameters, new Dictionary<string, ParameterSpace>(),
                new Dictionary<int, double>(), null, null, new Dictionary<string, string>(), new Dictionary<string, string>());
        }

        var version = new StudyVersion(1, "s", "s", 1, new SpecRecord("h", "s.hyp", "", "0"), DateTime.UnixEpoch);
        var data = new ReportData(version, [Trial(0, 1e-3, "sgd", 0.9, 0.5), Trial(1, 1e-2, "adam", null, 0.7), Trial(2, 1e-1, "sgd", 0.85, 0.6)],
            [new Objective("val_accuracy", StudyDirection.Maximize, MetricSource.Recorded)], Space, [], null);
        return Assert.Single(ParallelCoordinatesView.Build(data));
    }

    private static JsonObject Dimension(PlotlyFigure figure, string label) =>
        figure.Data[0]!["dimensions"]!.AsArray().Select(d => d!.AsObject()).Single(d => d["label"]!.GetValue<string>() == label);
}
