using HyperDsl.Runtime.Search;

namespace HyperDsl.Runtime.Studies;

/// <summary>Whether a point meets the spec's <c>require</c> constraints: the rule sampling, queued points and warm starts share.</summary>
internal static class PointConstraints
{
    // The constraints on parameters first (cheap), then those on model.params (the model is built and counted).
    public static bool Satisfies(IExperimentDefinition experiment, object point)
    {
        if (!experiment.Satisfies(point))
        {
            return false;
        }

        if (!experiment.HasModelConstraints)
        {
            return true;
        }

        using var model = experiment.BuildModel(point);
        return experiment.SatisfiesModel(point, Models.ModelParameters.CountTrainable(model), Models.ModelFlops.Count(model, experiment.InputShapeAt(point)));
    }

    /// <summary>
    /// Whether the constraints on parameters (not those on <c>model.params</c> or <c>model.flops</c>,
    /// which need the model built) can hold at <paramref name="values"/>, some of the space's
    /// parameters (a sampler's candidate). A parameter the point asks for and the values lack (a
    /// branch's, chosen later) is tried at its range's low end, its high end and its middle (first,
    /// last and middle choice): the values pass when one of these completions meets the
    /// constraints, so a constraint that does not read the missing parameters is decided exactly.
    /// Null when the values hold a parameter outside its range. Cheap enough for a sampler to ask
    /// of every candidate. The values are the space's (<paramref name="space"/>: a choice as declared), as a sampler gives them.
    /// </summary>
    public static bool? SatisfiesParameters(IExperimentDefinition experiment, IReadOnlyDictionary<string, ParameterSpace> space, IReadOnlyDictionary<string, object> values)
    {
        foreach (var end in new[] { Completion.Low, Completion.High, Completion.Middle })
        {
            var given = new FixedSuggestions(values, new Completion(end));
            var point = experiment.Sample(new RecordingSuggestions(given, space));
            if (given.OutOfRange.Count > 0)
            {
                return null;
            }

            if (experiment.Satisfies(point))
            {
                return true;
            }
        }

        return false;
    }

    // Values for the parameters a candidate lacks: one end of each range (or its middle).
    private sealed class Completion(int end) : ITrialSuggestions
    {
        public const int Low = 0;
        public const int High = 1;
        public const int Middle = 2;

        public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
            end switch { Low => low, High => high, _ => step is { } s and > 0 ? low + (Math.Floor((high - low) / s / 2) * s) : (low + high) / 2 };

        public long SuggestInt(string name, long low, long high, bool log = false, long step = 1) =>
            end switch { Low => low, High => high - ((high - low) % step), _ => low + (((high - low) / step / 2) * step) };

        public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) =>
            end switch { Low => choices[0], High => choices[^1], _ => choices[choices.Count / 2] };
    }
}
