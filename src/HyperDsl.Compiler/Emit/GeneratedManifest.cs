using System.Collections.Immutable;

namespace HyperDsl.Compiler.Emit;

/// <summary>
/// What a generated file is meant to declare: its namespace and, per type, the members and
/// nested types by name. Hosting and the build tool parse the generated C# and refuse it when
/// it declares anything else (see docs/generated-code.md), so a generator bug that let spec
/// text become code is stopped before that code compiles, let alone runs.
/// </summary>
/// <param name="Namespace">The file-scoped namespace of every type.</param>
/// <param name="Types">The types, in the order the file declares them.</param>
public sealed record GeneratedManifest(string Namespace, ImmutableArray<GeneratedType> Types);

/// <summary>One generated type.</summary>
/// <param name="Kind">Class, record or enum.</param>
/// <param name="Name">Its C# name.</param>
/// <param name="Parameters">The parameters of a positional record, in order; empty otherwise.</param>
/// <param name="Members">The members it declares, by name: methods, properties, fields, enum members; a constructor by the type's name.</param>
/// <param name="NestedTypes">The types declared inside it.</param>
public sealed record GeneratedType(GeneratedTypeKind Kind, string Name, ImmutableArray<string> Parameters, ImmutableArray<string> Members, ImmutableArray<GeneratedType> NestedTypes);

/// <summary>The kinds of type the generator declares.</summary>
public enum GeneratedTypeKind
{
    /// <summary>A class (static or not).</summary>
    Class,

    /// <summary>A record class.</summary>
    Record,

    /// <summary>An enum.</summary>
    Enum,
}
