using HyperDsl.Generated;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Storage;

// The spec's experiment is C# now: run its study, then read the winner as typed properties.
var database = args.Length > 0 ? args[0] : "tiny-study.study.db";
using var store = SqliteStudyStore.Open(database);
var result = new StudyRunner(new TinyStudyDefinition(), store, new StudyRunOptions()).Run();

var best = TinyStudyExperiment.PointOf(result.Best[0]);
var optimizer = best.OptimizerBranch switch
{
    TinyStudyOptimizerBranch.Sgd sgd => $"sgd with momentum {sgd.Momentum:0.###}",
    _ => "adam",
};
Console.Out.WriteLine($"{result.Trials.Count} trials; best val_accuracy {result.Best[0].Values![0]:0.####}: lr {best.Lr:G3}, width {best.Width}, {optimizer}");
