namespace HyperDsl.Syntax.Ast;

/// <summary>The five sections of an experiment.</summary>
public enum SectionKind
{
    /// <summary><c>data</c>: source, split, preprocessing and augmentation.</summary>
    Data,

    /// <summary><c>params</c>: the search space.</summary>
    Params,

    /// <summary><c>model</c>: the architecture.</summary>
    Model,

    /// <summary><c>train</c>: how one trial trains.</summary>
    Train,

    /// <summary><c>tune</c>: how the study searches.</summary>
    Tune,
}
