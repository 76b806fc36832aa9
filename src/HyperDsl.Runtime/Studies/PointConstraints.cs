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
    /// which need the model built) hold at <paramref name="values"/>, some of the space's parameters;
    /// null when the point asks for a parameter the values lack or hold outside its range, so the
    /// constraints cannot be told from them. Cheap enough for a sampler to ask of every candidate.
    /// The values are the space's (<paramref name="space"/>: a choice as declared), as a sampler gives them.
    /// </summary>
    public static bool? SatisfiesParameters(IExperimentDefinition experiment, IReadOnlyDictionary<string, ParameterSpace> space, IReadOnlyDictionary<string, object> values)
    {
        var given = new FixedSuggestions(values, fallback: null);
        var point = experiment.Sample(new RecordingSuggestions(given, space));
        return given.Missing.Count > 0 || given.OutOfRange.Count > 0 ? null : experiment.Satisfies(point);
    }
}
