namespace HyperDsl.Runtime.Search;

/// <summary>Whether an objective is better smaller or larger.</summary>
public enum StudyDirection
{
    /// <summary>Smaller is better (a loss).</summary>
    Minimize,

    /// <summary>Larger is better (an accuracy).</summary>
    Maximize,
}
