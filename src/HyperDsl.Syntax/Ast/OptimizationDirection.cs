namespace HyperDsl.Syntax.Ast;

/// <summary>Whether an objective is minimized or maximized.</summary>
public enum OptimizationDirection
{
    /// <summary>Smaller is better.</summary>
    Minimize,

    /// <summary>Larger is better.</summary>
    Maximize,
}
