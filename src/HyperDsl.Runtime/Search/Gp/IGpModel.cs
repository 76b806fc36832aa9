namespace HyperDsl.Runtime.Search.Gp;

/// <summary>A model of the targets (<see cref="ObjectiveTargets"/>) over some dimensions and the search for where its acquisition is highest.</summary>
internal interface IGpModel
{
    /// <summary>
    /// The point (all coordinates: <paramref name="at"/> where not free) where the acquisition is
    /// highest over the coordinates <paramref name="free"/>, among those <paramref name="feasible"/>
    /// accepts (all when null), and that acquisition, in the objectives' own units so models fitted
    /// to different trials compare; −∞ when no feasible point was found. The improvement is over
    /// <paramref name="goal"/> (the targets of the trials to beat), or over the trials this model
    /// was fitted to when null.
    /// </summary>
    (double[] Point, double Score) Maximize(double[] at, IReadOnlyList<int> free, IReadOnlyList<double[]>? goal, Random random, GpOptions options, Func<double[], bool>? feasible);
}
