using System.CommandLine;
using HyperDsl.Compiler.Emit;
using HyperDsl.Runtime.Studies;
using HyperDsl.Runtime.Studies.Population;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Studies.TensorBoard;
using Spectre.Console;

namespace HyperDsl.Cli;

/// <summary><c>hyp run FILE</c>: checks the spec, then runs (or continues) its study and reports the best trial.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console) => Create(console, worker: false);

    /// <summary>
    /// <c>hyp worker FILE --storage URI</c>: one of many processes (on one machine or many) that
    /// share a study through its store; it runs trials until the study's budget is met, printing
    /// plain lines, and ends with a one-line summary instead of the trial table.
    /// </summary>
    public static Command CreateWorker(CliConsole console) => Create(console, worker: true);

    private static Command Create(CliConsole console, bool worker)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec to run." };
        var options = new StudyOptions();
        var trials = new Option<int?>("--trials") { Description = "How many trials the study should have (overrides the spec's 'trials'; a continued study counts the trials it already has)." };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Stop starting trials after this long, e.g. 90m, 2h, 1h30m (overrides the spec's 'timeout').",
            CustomParser = result => DurationOption.Parse(result),
        };
        var seed = new Option<long?>("--seed") { Description = "The sampler's seed (overrides the spec's 'seed')." };
        var warmStart = new Option<bool>("--warm-start") { Description = "When the spec changed, carry over the previous version's finished trials that lie inside the new space." };
        var maxFailures = new Option<int>("--max-failures") { Description = "Stop the study after this many failed trials in a row.", DefaultValueFactory = _ => 5 };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Write each trial's whole training state after every N epochs, so a trial whose process died (or that was interrupted) is resumed from it once instead of from the start (default 0: no checkpoints).",
            DefaultValueFactory = _ => 0,
        };
        var checkpointInterval = new Option<TimeSpan?>("--checkpoint-interval")
        {
            Description = "Also write a trial's checkpoint during an epoch once this long has passed since its last one, e.g. 10m (for long epochs; a resumed trial finishes that epoch from the next batch).",
            CustomParser = result => DurationOption.Parse(result),
        };
        var checkpointDirectory = new Option<string?>("--checkpoint-dir")
        {
            Description = "Where checkpoints go, one folder per study (default: beside the SQLite store, x.study.checkpoints/; with a shared database, beside the spec). Workers on several machines resume each other's trials only through a shared folder.",
        };
        var keepCheckpoints = new Option<CheckpointRetention>("--keep-checkpoints")
        {
            Description = "What finished trials keep: none (default; checkpoints only serve resuming), last (every trial its last checkpoint) or best (the study's best trials).",
            DefaultValueFactory = _ => CheckpointRetention.None,
        };
        var tensorBoard = new Option<string?>("--tensorboard")
        {
            Description = "Also write each trial this process runs as TensorBoard event files under DIR/<study>/trial-<number>/: per-epoch scalars and the HParams summaries (run 'tensorboard --logdir DIR').",
            HelpName = "DIR",
        };
        var replayPbt = new Option<bool>("--replay-pbt")
        {
            Description = "Add one trial to the study that replays the schedule of the best member of its last population-based training run (sampler pbt): the values it was trained with, epoch by epoch, in one trial.",
        };
        var command = new Command(
            worker ? "worker" : "run",
            worker
                ? "Work on a study shared through its store with other workers (here or on other machines) until its trial budget is met. Give the shared store with --storage or $HYP_STORAGE."
                : "Run (or continue) the study of a spec: sample, train, prune and store every trial, then report the best.")
        {
            file, options.Experiment, options.Storage, options.Study, trials, timeout, seed, warmStart, maxFailures, checkpointEvery, checkpointInterval, checkpointDirectory, keepCheckpoints, tensorBoard,
        };
        if (!worker)
        {
            command.Options.Add(replayPbt);
        }

        command.SetAction(parse =>
        {
            var max = parse.GetValue(maxFailures);
            if (parse.GetValue(trials) is < 1 || max < 1)
            {
                console.Error.WriteLine("hyp: error: --trials and --max-failures must be at least 1.");
                return ExitCodes.UsageOrIo;
            }

            if (parse.GetValue(checkpointEvery) < 0)
            {
                console.Error.WriteLine("hyp: error: --checkpoint-every must be 0 (no checkpoints) or a number of epochs.");
                return ExitCodes.UsageOrIo;
            }

            var selection = options.Read(parse);
            if (worker && selection.Storage is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StudySpec.StorageVariable)))
            {
                console.Error.WriteLine($"hyp: error: a worker shares a study with others, so it needs the shared store: --storage URI or ${StudySpec.StorageVariable}.");
                return ExitCodes.UsageOrIo;
            }

            var tensorBoardDirectory = parse.GetValue(tensorBoard);
            if (tensorBoardDirectory is not null && TensorBoardStudyObserver.WritableProblem(tensorBoardDirectory) is { } problem)
            {
                console.Error.WriteLine($"hyp: error: --tensorboard: {problem}");
                return ExitCodes.UsageOrIo;
            }

            return Execute(parse.GetRequiredValue(file), selection, worker, !worker && parse.GetValue(replayPbt), tensorBoardDirectory, console, run => run with
            {
                Trials = parse.GetValue(trials),
                Timeout = parse.GetValue(timeout),
                Seed = parse.GetValue(seed),
                WarmStart = parse.GetValue(warmStart),
                MaxConsecutiveFailures = max,
                CheckpointEvery = parse.GetValue(checkpointEvery),
                CheckpointInterval = parse.GetValue(checkpointInterval),
                CheckpointDirectory = parse.GetValue(checkpointDirectory) is { } folder ? Path.GetFullPath(folder) : run.CheckpointDirectory,
                CheckpointRetention = parse.GetValue(keepCheckpoints),
            });
        });
        return command;
    }

    private static int Execute(string file, StudySelection selection, bool worker, bool replay, string? tensorBoardDirectory, CliConsole console, Func<StudyRunOptions, StudyRunOptions> configure)
    {
        using var spec = StudySpec.Load(file, selection.Experiment, selection.Storage, console, out var exit);
        if (spec is null)
        {
            return exit;
        }

        var fresh = FreshDatabase.Before(spec.Storage);
        using var store = StudyStoreOpener.Open(spec.Storage, console, out exit);
        if (store is null)
        {
            return exit;
        }

        var options = configure(new StudyRunOptions
        {
            SpecPath = spec.Path,
            SpecText = spec.Text,
            CompilerVersion = HypCompilationEmitter.Version,
            StudyName = selection.Study,
            WeightsDirectory = spec.WeightsDirectory,
            CheckpointDirectory = spec.CheckpointDirectory,
        });
        if (replay)
        {
            var studyName = selection.Study ?? spec.Definition.Name;
            if (PopulationLineage.StoredBest(store, studyName) is not { } schedule)
            {
                console.Error.WriteLine($"hyp: error: --replay-pbt: the study '{studyName}' has no stored PBT schedule; run it with 'sampler pbt(...)' to the end first.");
                return ExitCodes.UsageOrIo;
            }

            options = options with { Replay = schedule };
        }

        var objectives = spec.Definition.Plan.Objectives;
        using var tensorBoard = tensorBoardDirectory is null ? null : new TensorBoardStudyObserver(
            tensorBoardDirectory, spec.Definition.SearchSpace, objectives, warning => console.Error.WriteLine($"hyp: warning: {warning}"));
        IStudyObserver Observing(IStudyObserver progress) => tensorBoard is null ? progress : new CompositeStudyObserver(progress, tensorBoard);
        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl-C lets the running trials finish their epoch and be written as interrupted; a second one kills.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
                console.Error.WriteLine("hyp: interrupting: the running trial stops after its current epoch (Ctrl-C again to kill)...");
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            // A bad HYP_OMP_WAIT stops the run here with its message, not inside the first trial.
            _ = Runtime.OpenMpWaitPlan.ParsePolicy(Environment.GetEnvironmentVariable(Runtime.OpenMpWaitPlan.PolicyVariable));
            StudyResult result;
            if (console.IsTerminal && !worker)
            {
                var observer = new LiveStudyObserver(objectives);
                var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
                result = ansi.Live(observer.Render()).AutoClear(false).Start(context =>
                {
                    observer.Attach(context);
                    return new StudyRunner(spec.Definition, store, options, Observing(observer)).Run(cancellation.Token);
                });
            }
            else
            {
                result = new StudyRunner(spec.Definition, store, options, Observing(new PlainStudyObserver(console.Out, objectives))).Run(cancellation.Token);
            }

            if (worker)
            {
                console.Out.Write($"worker {Runtime.Studies.StudyAttributes.WorkerName}: ran {result.Ran} trial{(result.Ran == 1 ? "" : "s")}; '{result.Version.StudyName}' has {result.Trials.Count(t => t.State != Runtime.Search.TrialState.Waiting)} trials\n");
            }
            else
            {
                StudyReport.Summary(console, result, objectives, spec.Definition.SearchSpace.Select(p => p.Name));
            }
            return result.Reason switch
            {
                StudyStopReason.TooManyFailures => ExitCodes.StudyFailed,
                StudyStopReason.Interrupted => ExitCodes.Interrupted,
                _ => ExitCodes.Success,
            };
        }
        catch (StudyStoreException error)
        {
            console.Error.WriteLine($"hyp: error: {error.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (Exception error) when (error is Runtime.Data.DataException or Runtime.DeviceUnavailableException or Runtime.RuntimeSettingException or NotSupportedException or FileNotFoundException or DirectoryNotFoundException)
        {
            // Nothing ran: a database this run created holds no study, so it goes rather than litter the spec's folder.
            fresh.RemoveIfEmpty(store);
            console.Error.WriteLine($"hyp: error: {error.Message}");
            return ExitCodes.UsageOrIo;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
