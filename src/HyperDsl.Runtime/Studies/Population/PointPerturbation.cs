using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies.Population;

/// <summary>
/// PBT's explore step for a whole point: the donor's values perturbed by <see cref="PerturbingSuggestions"/> through the
/// experiment's generated <c>Sample</c> (so only parameters whose <c>when</c> conditions hold are asked for, each within its
/// declared domain), drawn again until the point meets the <c>require</c> constraints; when no draw of
/// <see cref="StudyRunner.ConstraintAttempts"/> does, the donor's own values (a plain copy).
/// </summary>
internal sealed class PointPerturbation(IExperimentDefinition experiment, IReadOnlyDictionary<string, ParameterSpace> space, Func<object, bool> satisfies, long seed, double resample)
{
    /// <summary>The perturbed point and the values recorded for the store; <paramref name="random"/> drives the perturbation.</summary>
    public (object Point, RecordingSuggestions Recorded) Perturb(IReadOnlyDictionary<string, object> donor, int trial, int epoch, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var attempt = 0; attempt < StudyRunner.ConstraintAttempts; attempt++)
        {
            // Parameters the donor did not have (a condition just became true), and resampled ones, are drawn at random.
            var fallback = new RandomSampler(seed).StartTrial([], unchecked(trial + (epoch * 1_000_003) + (attempt * 7919)));
            var recorder = new RecordingSuggestions(new PerturbingSuggestions(donor, fallback, random, resample), space);
            var point = experiment.Sample(recorder);
            if (satisfies(point))
            {
                return (point, recorder);
            }
        }

        var copy = new RecordingSuggestions(new FixedSuggestions(donor, fallback: null), space);
        return (experiment.Sample(copy), copy);
    }
}
