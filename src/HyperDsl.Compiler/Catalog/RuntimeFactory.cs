using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// How generated code makes an optimizer, loss or schedule: a static method (or property) of a
/// runtime type, such as <c>Schedule.Step(TrainingLength.Epochs(30), gamma: 0.5)</c>. The emitter
/// reads this instead of knowing these entries by name. A required parameter is always passed; an
/// optional one only when the spec gives it, so the method's default (which a test holds equal to
/// the entry's) applies otherwise.
/// </summary>
/// <param name="TypeName">The runtime type's full name, without <c>global::</c>, such as <c>HyperDsl.Runtime.Training.Schedule</c>.</param>
/// <param name="Member">The static method called, or the static property read when <see cref="IsProperty"/>.</param>
/// <param name="Arguments">The entry's parameters in the method's order.</param>
public sealed record RuntimeFactory(string TypeName, string Member, ImmutableArray<FactoryArgument> Arguments)
{
    /// <summary>True when the member is a property (<c>Schedule.Constant</c>): the entry takes no arguments.</summary>
    public bool IsProperty { get; init; }

    /// <summary>The method called instead when the milestones (<see cref="FactoryArgumentKind.Milestones"/>) are counted in steps, not epochs.</summary>
    public string? StepsMember { get; init; }
}

/// <summary>One parameter of an entry as its runtime method takes it.</summary>
/// <param name="Parameter">The entry's parameter.</param>
/// <param name="Kind">The C# value it becomes.</param>
/// <param name="Name">The C# parameter's name when passed by name (<c>weightDecay</c>); null when passed by position.</param>
public sealed record FactoryArgument(string Parameter, FactoryArgumentKind Kind, string? Name = null)
{
    /// <summary>For <see cref="FactoryArgumentKind.Keyword"/>: the runtime enum's full name, without <c>global::</c>, whose members are the keywords in PascalCase.</summary>
    public string? EnumType { get; init; }
}

/// <summary>The C# value a factory argument becomes.</summary>
public enum FactoryArgumentKind
{
    /// <summary>The value as it is (a <c>double</c> or <c>bool</c>); an inactive conditional parameter means the entry's default.</summary>
    Value,

    /// <summary>The value cast to <c>double</c> (where an overload without it exists).</summary>
    Double,

    /// <summary>An <c>int</c>, checked on the way when computed.</summary>
    Int,

    /// <summary>A quantity in epochs or steps: a <c>TrainingLength</c>.</summary>
    Length,

    /// <summary>A keyword (or a choice of keywords) as the member of <see cref="FactoryArgument.EnumType"/> named by it in PascalCase.</summary>
    Keyword,

    /// <summary>A list of numbers as a <c>double[]</c> (ints converted).</summary>
    DoubleList,

    /// <summary>A list of epochs (<c>int</c>s) or, with <see cref="RuntimeFactory.StepsMember"/>, of steps (<c>long</c>s).</summary>
    Milestones,
}
