using System.Collections.Immutable;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// How generated code calls the runtime for a data source or transform:
/// <c>global::HyperDsl.Runtime.&lt;Method&gt;(arguments...)</c>, each argument taken from one of the
/// entry's parameters. The emitter reads this instead of knowing sources and transforms by name.
/// </summary>
/// <param name="Method">The static runtime method below <c>HyperDsl.Runtime</c>, such as <c>Augmentation.Augment.RandomCrop</c>.</param>
/// <param name="Arguments">The arguments in the method's order; a parameter may be passed more than once (translate's fraction, for both directions).</param>
public sealed record DataRuntimeCall(string Method, ImmutableArray<DataCallArgument> Arguments);

/// <summary>One argument of a <see cref="DataRuntimeCall"/>.</summary>
/// <param name="Parameter">The entry's parameter it comes from.</param>
/// <param name="Kind">The C# value it becomes.</param>
/// <param name="Fallback">The C# text passed when the spec leaves the parameter out; null leaves the argument out (only the last ones may be).</param>
public sealed record DataCallArgument(string Parameter, DataCallArgumentKind Kind, string? Fallback = null)
{
    /// <summary>
    /// True when a two-item list written in the spec (<c>degrees: [-10, 20]</c>) is passed as two
    /// arguments, each converted as <see cref="Kind"/> says, to the method's overload for a range.
    /// </summary>
    public bool SpreadsPair { get; init; }

    /// <summary>For a <see cref="DataCallArgumentKind.Keyword"/> argument: the runtime enum whose member of the keyword's name in PascalCase is passed.</summary>
    public string? EnumType { get; init; }
}

/// <summary>The C# value a data argument becomes.</summary>
public enum DataCallArgumentKind
{
    /// <summary>An <c>int</c>, checked on the way when computed.</summary>
    Int,

    /// <summary>The value as the spec computes it (a number where the method takes a <c>double</c>, or the seed).</summary>
    Value,

    /// <summary>A <c>double</c>, cast from the value (an int literal such as <c>degrees: 10</c>).</summary>
    Double,

    /// <summary>A path, relative to the spec's folder.</summary>
    Path,

    /// <summary>A list of <c>int</c>s written in the spec (<c>shape: [1, 28, 28]</c>).</summary>
    IntList,

    /// <summary>A written keyword, as the member of <see cref="DataCallArgument.EnumType"/> of its name in PascalCase (<c>policy: cifar10</c>).</summary>
    Keyword,
}
