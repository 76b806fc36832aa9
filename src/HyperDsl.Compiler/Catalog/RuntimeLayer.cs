using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// How a layer entry is built at run time: the <c>ModelBuilder</c> method the generated code
/// calls, and how each of the entry's parameters is passed to it. The emitter reads this instead
/// of knowing layers by name.
/// </summary>
/// <param name="Method">The <c>ModelBuilder</c> method, such as <c>Conv</c>.</param>
/// <param name="Arguments">The parameters passed, in the method's order; those not given in the spec are left to the method's defaults.</param>
public sealed record RuntimeLayer(string Method, ImmutableArray<RuntimeArgument> Arguments)
{
    /// <summary>A first argument fixed by the entry: a member of a runtime enum in <c>HyperDsl.Runtime.Models</c>, such as <c>BackboneKind.ResNet18</c>.</summary>
    public string? Leading { get; init; }
}

/// <summary>One parameter of a layer entry as its <c>ModelBuilder</c> method takes it.</summary>
/// <param name="Parameter">The entry's parameter, which is also the C# parameter's name unless <see cref="Name"/> says otherwise.</param>
/// <param name="Kind">The C# value it becomes.</param>
/// <param name="Positional">True when passed by position (a required parameter such as <c>out</c>), false when by name.</param>
public sealed record RuntimeArgument(string Parameter, RuntimeArgumentKind Kind, bool Positional = false)
{
    /// <summary>The C# parameter's name where it is not the entry's (<c>paddingMode</c> for <c>padding_mode</c>).</summary>
    public string? Name { get; init; }

    /// <summary>For <see cref="RuntimeArgumentKind.Keyword"/>: the runtime enum's full name, without <c>global::</c>, whose members are the keywords in PascalCase.</summary>
    public string? EnumType { get; init; }

    /// <summary>The name the argument is passed by.</summary>
    public string CSharpName => Name ?? Parameter;
}

/// <summary>The C# value a layer argument becomes.</summary>
public enum RuntimeArgumentKind
{
    /// <summary>An <c>int</c>, checked on the way when computed.</summary>
    Int,

    /// <summary>A <c>double</c>.</summary>
    Double,

    /// <summary>A <c>bool</c>.</summary>
    Bool,

    /// <summary>A <c>ConvPadding</c>: <c>same</c>, <c>valid</c> or pixels.</summary>
    Padding,

    /// <summary>A <c>string</c>.</summary>
    String,

    /// <summary>A <c>long[]</c>: a list of ints, as written or searched.</summary>
    IntList,

    /// <summary>A member of the runtime enum <see cref="RuntimeArgument.EnumType"/>: the keyword in PascalCase, or the chosen one of a choice of keywords.</summary>
    Keyword,
}
