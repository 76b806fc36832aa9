using HyperDsl.Runtime.Search;
using HyperDsl.Runtime.Studies.Storage;
using HyperDsl.Runtime.Training.Checkpoints;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>
/// Runs a study as population-based training (<c>sampler pbt(...)</c>): a population of trials, drawn at random (queued
/// <c>try</c> points first), trains interval by interval on the pause/checkpoint/resume machinery of promotion-based ASHA. At
/// each interval's end every member is paused with its checkpoint written; the worst fraction each take over a best member's
/// checkpoint (weights, optimizer state, generators, the epochs the schedule replays) as their own, perturb its hyperparameters
/// within the spec's domains (<see cref="PerturbingSuggestions"/>, through the generated <c>Sample</c> so <c>when</c> conditions
/// hold, and drawn again until the <c>require</c> constraints do) and all go on to the next interval. Each member's stretches of
/// hyperparameters, and whose state it took, are stored with the trial (<see cref="MemberStretch"/>); its stored parameters are
/// those it ended with. Members train one after another (a population's interval is a barrier).
/// </summary>
internal sealed class PopulationStudy(
    IStudyStore store,
    IExperimentDefinition experiment,
    IReadOnlyDictionary<string, ParameterSpace> space,
    Func<object, bool> satisfies,
    IStudyObserver observer,
    TrialExecutor executor,
    TrialCheckpoints checkpoints,
    PopulationSchedule schedule,
    int size,
    double resample,
    long seed,
    string? weights = null)
{
    private readonly Random _random = new(SeedMixer.Mix(seed, 0, stream: 11));
    private readonly PointPerturbation _perturbation = new(experiment, space, satisfies, seed, resample);

    /// <summary>The study user attribute holding the epoch of the population's last exploit (0 before the first), for a resume.</summary>
    public const string ExploitedAtKey = "pbt_exploited_at";

    /// <summary>
    /// Trains the population to its last epoch; returns how many members it started and why it stopped. A population left paused
    /// by an earlier run (interrupted, or stopped by <paramref name="timeout"/>) is resumed instead of starting a new one: each
    /// member from its own checkpoint, with its stored values and schedule. At an interval's end past <paramref name="timeout"/>
    /// the run stops with every member paused there, to be resumed the same way.
    /// </summary>
    public (int Started, StudyStopReason Reason, string Message) Run(StudyVersion version, PointData data, int? cudaDevice, TimeSpan? timeout, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var studyId = version.StudyId;
        var members = Resumed(studyId);
        var started = 0;
        var exploitedAt = 0;
        if (members.Count > 0)
        {
            exploitedAt = JsonValues.ReadLong(store.StudyUserAttributes(studyId), ExploitedAtKey) is { } epoch ? (int)epoch : 0;
        }
        else
        {
            store.SetStudyUserAttribute(studyId, ExploitedAtKey, JsonValues.Of(0));
            for (var i = 0; i < size && !cancellation.IsCancellationRequested; i++)
            {
                if (Start(studyId) is { } member)
                {
                    members.Add(member);
                }
            }

            started = members.Count;
        }

        while (members.Count > 0)
        {
            // Every member trains to the next interval's end (the barrier); one already paused there (a resumed population) waits.
            var target = schedule.NextPause(exploitedAt);
            foreach (var member in members.ToList())
            {
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                if (target is not null && member.Epoch >= target)
                {
                    continue;
                }

                if (member.Paused && !Claim(studyId, member))
                {
                    members.Remove(member);
                    continue;
                }

                member.Paused = false;

                // With --weights every stretch keeps its best epoch's weights in memory, so the checkpoint carries them across pauses and
                // take-overs; the member that completes among the study's best writes them (those of the epochs its weights carry).
                var weightsPath = weights is null ? null : Path.Combine(weights, $"trial-{member.Trial.Number}.pt");
                if (weights is not null)
                {
                    Directory.CreateDirectory(weights);
                }

                var state = executor.Run(member.Trial, studyId, member.Point, data.For(member.Point), member.Seed, cudaDevice, weightsPath, values => IsBest(studyId, values), cancellation, member.Resume);
                member.Resume = null;
                if (state != TrialState.Running)
                {
                    // Complete at the last epoch; failed or pruned ones leave the population.
                    members.Remove(member);
                    continue;
                }

                // Paused at the interval's end, or where an interruption found it (its checkpoint is there).
                member.Epoch = PausedEpoch(studyId, member) ?? target ?? member.Epoch;
                member.Paused = true;
            }

            if (cancellation.IsCancellationRequested)
            {
                // A member that has not trained yet has no checkpoint: it is marked paused before its first epoch, and starts afresh.
                foreach (var fresh in members.Where(m => !m.Paused))
                {
                    store.SetTrialSystemAttribute(fresh.Trial.Id, StudyAttributes.PausedAtRung, JsonValues.Of(0));
                }

                // Members stay paused (RUNNING, hyperdsl:paused_at_rung) with their checkpoints: the next run resumes the population.
                return (started, StudyStopReason.Interrupted, "interrupted by the user; the population is paused, run the study again to go on");
            }

            if (members.Count == 0 || target is not { } pausedAt)
            {
                break;
            }

            if (timeout is { } limit && clock.Elapsed >= limit)
            {
                return (started, StudyStopReason.TimedOut, $"the time limit ({limit}) passed; the population is paused after epoch {pausedAt}, run the study again to go on");
            }

            Exploit(studyId, members, pausedAt);
            exploitedAt = pausedAt;
            store.SetStudyUserAttribute(studyId, ExploitedAtKey, JsonValues.Of(exploitedAt));
        }

        RecordBestLineage(version);
        DropWeightsOfMembersNoLongerBest(studyId);
        return (started, StudyStopReason.BudgetReached, $"the population of {size} trained all {experiment.Plan.Epochs} epochs");
    }

    // Whether values would make a completing member one of the study's best (ties go to the member that completed first).
    private bool IsBest(long studyId, IReadOnlyList<double> values)
    {
        var directions = store.Directions(studyId);
        return !store.Trials(studyId).Where(t => t.State == TrialState.Complete && t.Values is { } v && v.Count == directions.Count)
            .Any(t => BestTrials.Dominates(t.Values!, values, directions) || (directions.Count == 1 && t.Values![0] == values[0]));
    }

    // Members complete one after another: one that was best when it completed may have been passed since; only the best keep weights.
    private void DropWeightsOfMembersNoLongerBest(long studyId)
    {
        if (weights is null)
        {
            return;
        }

        var trials = store.Trials(studyId);
        var best = BestTrials.Of(trials, store.Directions(studyId)).Select(t => t.Number).ToHashSet();
        foreach (var member in trials.Where(t => t.UserAttributes.ContainsKey(MemberStretch.Key) && !best.Contains(t.Number)))
        {
            File.Delete(Path.Combine(weights, $"trial-{member.Number}.pt"));
        }
    }

    // A paused member is taken out of its pause (in the store, once) and its checkpoint read; one whose checkpoint cannot be read
    // fails, with the reason.
    private bool Claim(long studyId, Member member)
    {
        if (!store.ClaimPausedTrial(member.Trial.Id))
        {
            return false;
        }

        try
        {
            member.Resume = member.Epoch == 0 ? null : CheckpointFile.Read(checkpoints.PathOf(member.Trial.Number));
            return true;
        }
        catch (Exception error) when (error is CheckpointException or IOException)
        {
            Fail(studyId, member.Trial, $"its checkpoint after epoch {member.Epoch} cannot be resumed: {error.Message}");
            return false;
        }
    }

    private void Fail(long studyId, StoredTrial trial, string reason)
    {
        store.FinishTrial(trial.Id, TrialState.Failed, failReason: reason);
        observer.TrialFinished(store.Trials(studyId).First(t => t.Id == trial.Id), TimeSpan.Zero);
    }

    private int? PausedEpoch(long studyId, Member member) =>
        JsonValues.ReadLong(store.Trials(studyId).First(t => t.Id == member.Trial.Id).SystemAttributes, StudyAttributes.PausedAtRung) is { } epoch ? (int)epoch : null;

    // The members an earlier run left paused (RUNNING with hyperdsl:paused_at_rung and a stored schedule), each with its stored
    // values and the epoch of its checkpoint; one whose checkpoint is missing or unreadable fails with the reason.
    private List<Member> Resumed(long studyId)
    {
        var members = new List<Member>();
        foreach (var trial in store.Trials(studyId).Where(t => t.State == TrialState.Running && TrialRecovery.IsPaused(t) && t.UserAttributes.ContainsKey(MemberStretch.Key)))
        {
            // A member paused before its first epoch has no checkpoint: it starts from the beginning with the seed it was given.
            var pausedAt = JsonValues.ReadLong(trial.SystemAttributes, StudyAttributes.PausedAtRung);
            var seed = JsonValues.ReadLong(trial.SystemAttributes, StudyAttributes.Seed);
            int epoch;
            try
            {
                var checkpoint = pausedAt == 0 && seed is not null ? null : CheckpointFile.Read(checkpoints.PathOf(trial.Number));
                epoch = checkpoint?.Epoch ?? 0;
                seed = checkpoint?.Seed ?? seed;
            }
            catch (Exception error) when (error is CheckpointException or IOException)
            {
                if (store.ClaimPausedTrial(trial.Id))
                {
                    Fail(studyId, trial, $"its checkpoint after epoch {pausedAt} cannot be resumed: {error.Message}");
                }

                continue;
            }

            // Its point again from its stored values (its last stretch's), through the declared space.
            var recorder = new RecordingSuggestions(new FixedSuggestions(trial.Parameters, fallback: null), space);
            var point = experiment.Sample(recorder);
            var member = new Member(trial, point, recorder.Values, seed!.Value) { Epoch = epoch, Paused = true };
            member.Stretches.AddRange(MemberStretch.Read(trial.UserAttributes));
            observer.TrialStarted(trial.Number, recorder.Values, epoch == 0 ? "pbt: resumed before its first epoch" : $"pbt: resumed after epoch {epoch}");
            members.Add(member);
        }

        return members;
    }

    /// <summary>
    /// Trains one new trial along <paramref name="stretches"/> (a member's lineage): each stretch's values from its first epoch on,
    /// resuming the trial's own checkpoint at each boundary (the executor pauses there, <see cref="StretchBoundaries"/>).
    /// </summary>
    public (int Started, StudyStopReason Reason, string Message) Replay(StudyVersion version, PointData data, IReadOnlyList<MemberStretch> stretches, int? cudaDevice, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stretches);
        var studyId = version.StudyId;
        var trial = store.StartNextTrial(studyId, budget: null, create: true).Trial
            ?? throw new InvalidOperationException("The store started no trial for the replay.");
        var trainingSeed = experiment.Plan.TrainingSeed ?? SeedMixer.Mix(seed, trial.Number, stream: 7);
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.SpecHash, JsonValues.Of(experiment.StudyHash));
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Worker, JsonValues.Of(TrialRecovery.ThisWorker));
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Seed, JsonValues.Of(trainingSeed));
        store.SetTrialUserAttribute(trial.Id, MemberStretch.Key, JsonValues.Of(stretches.Select(s => s.ToJson()).ToList()));
        TrainingCheckpoint? resume = null;
        while (true)
        {
            var epoch = (resume?.Epoch ?? 0) + 1;
            var stretch = stretches.LastOrDefault(s => s.FromEpoch <= epoch) ?? stretches[0];
            var recorder = new RecordingSuggestions(new FixedSuggestions(stretch.Parameters, fallback: null), space);
            var point = experiment.Sample(recorder);
            foreach (var (distribution, value) in recorder.Recorded)
            {
                store.SetParameter(trial.Id, distribution, value);
            }

            observer.TrialStarted(trial.Number, recorder.Values, $"pbt replay from epoch {epoch}");
            var state = executor.Run(trial, studyId, point, data.For(point), trainingSeed, cudaDevice, null, _ => false, cancellation, resume);
            if (state != TrialState.Running)
            {
                return state == TrialState.Complete
                    ? (1, StudyStopReason.BudgetReached, $"the schedule of {stretches.Count} stretches was replayed")
                    : (1, cancellation.IsCancellationRequested ? StudyStopReason.Interrupted : StudyStopReason.TooManyFailures, $"the replay ended {state.ToString().ToLowerInvariant()}");
            }

            if (!store.ClaimPausedTrial(trial.Id))
            {
                return (1, StudyStopReason.TooManyFailures, "the replayed trial was taken by another process");
            }

            resume = CheckpointFile.Read(checkpoints.PathOf(trial.Number));
        }
    }

    // The schedule that trained the best member's weights, kept with the study so that it can be replayed as one trial.
    private void RecordBestLineage(StudyVersion version)
    {
        var trials = store.Trials(version.StudyId);
        var members = trials.Where(t => t.UserAttributes.ContainsKey(MemberStretch.Key)).ToList();
        var directions = store.Directions(version.StudyId);
        var front = BestTrials.Of(members, directions);
        if (front.Count == 0)
        {
            return;
        }

        var best = front[0];

        var schedules = members.ToDictionary(t => t.Number, t => MemberStretch.Read(t.UserAttributes));
        var lineage = PopulationLineage.Of(best.Number, schedules);
        store.SetStudyUserAttribute(version.StudyId, PopulationLineage.BestKey, JsonValues.Of(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["trial"] = best.Number,
            ["schedule"] = lineage.Select(s => s.ToJson()).ToList(),
        }));
    }

    // The worst members take over the best's checkpoints and perturb their hyperparameters.
    private void Exploit(long studyId, List<Member> members, int epoch)
    {
        var trials = store.Trials(studyId).ToDictionary(t => t.Number);
        var standings = members.Select(m => new MemberStanding(m.Trial.Number, trials[m.Trial.Number].Intermediate.TryGetValue(epoch, out var value) ? value : double.NaN)).ToList();
        foreach (var (loser, donor) in schedule.Exploits(standings, _random).Select(e => (members.First(m => m.Trial.Number == e.Trial), members.First(m => m.Trial.Number == e.Donor))))
        {
            var state = CheckpointFile.Read(checkpoints.PathOf(donor.Trial.Number));
            CheckpointFile.Write(checkpoints.PathOf(loser.Trial.Number), state.OwnedBy(checkpoints.OwnerOf(loser.Trial)));
            var (point, recorded) = _perturbation.Perturb(donor.Values, loser.Trial.Number, epoch, _random);
            foreach (var (distribution, value) in recorded.Recorded)
            {
                store.SetParameter(loser.Trial.Id, distribution, value);
            }

            loser.Point = point;
            loser.Values = recorded.Values;
            loser.Stretches.Add(new MemberStretch(epoch + 1, loser.Values, donor.Trial.Number));
            store.SetTrialUserAttribute(loser.Trial.Id, MemberStretch.Key, JsonValues.Of(loser.Stretches.Select(s => s.ToJson()).ToList()));
            observer.TrialStarted(loser.Trial.Number, loser.Values, $"pbt: took #{donor.Trial.Number}'s state after epoch {epoch}, perturbed");
        }
    }

    // A new member: a queued point (a 'try' point) first, else a random one that meets the constraints.
    private Member? Start(long studyId)
    {
        var next = store.StartNextTrial(studyId, budget: null, create: true);
        if (next.Trial is not { } trial)
        {
            return null;
        }

        var queued = next.WasWaiting && trial.SystemAttributes.TryGetValue(StudyAttributes.FixedParams, out var json) ? JsonValues.ReadObject(json) : null;
        RecordingSuggestions? recorder = null;
        object? point = null;
        for (var attempt = 0; attempt < StudyRunner.ConstraintAttempts && point is null; attempt++)
        {
            var draws = new RandomSampler(seed).StartTrial([], trial.Number + (attempt * 1_000_003));
            recorder = new RecordingSuggestions(queued is null ? draws : new FixedSuggestions(queued, draws), space);
            point = experiment.Sample(recorder);
            point = satisfies(point) ? point : null;
        }

        var trainingSeed = experiment.Plan.TrainingSeed ?? SeedMixer.Mix(seed, trial.Number, stream: 7);
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.SpecHash, JsonValues.Of(experiment.StudyHash));
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Worker, JsonValues.Of(TrialRecovery.ThisWorker));
        store.SetTrialSystemAttribute(trial.Id, StudyAttributes.Seed, JsonValues.Of(trainingSeed));
        foreach (var (distribution, value) in recorder!.Recorded)
        {
            store.SetParameter(trial.Id, distribution, value);
        }

        observer.TrialStarted(trial.Number, recorder.Values, queued is null ? "pbt" : "try point");
        if (point is null)
        {
            store.FinishTrial(trial.Id, TrialState.Failed, failReason: $"no point meeting the 'require' constraints was found in {StudyRunner.ConstraintAttempts} draws");
            observer.TrialFinished(store.Trials(studyId).First(t => t.Id == trial.Id), TimeSpan.Zero);
            return null;
        }

        var member = new Member(trial, point, recorder.Values, trainingSeed);
        member.Stretches.Add(new MemberStretch(1, member.Values, null));
        store.SetTrialUserAttribute(trial.Id, MemberStretch.Key, JsonValues.Of(member.Stretches.Select(s => s.ToJson()).ToList()));
        return member;
    }

    private sealed class Member(StoredTrial trial, object point, IReadOnlyDictionary<string, object> values, long seed)
    {
        public StoredTrial Trial { get; } = trial;

        public object Point { get; set; } = point;

        public IReadOnlyDictionary<string, object> Values { get; set; } = values;

        public long Seed { get; } = seed;

        public List<MemberStretch> Stretches { get; } = [];

        public TrainingCheckpoint? Resume { get; set; }

        /// <summary>The epoch its checkpoint is at (where it is paused); 0 before it trained.</summary>
        public int Epoch { get; set; }

        /// <summary>Whether it is paused in the store (so it is claimed before it trains on).</summary>
        public bool Paused { get; set; }
    }
}
