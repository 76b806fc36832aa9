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
}
