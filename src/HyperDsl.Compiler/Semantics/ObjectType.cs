namespace HyperDsl.Compiler.Semantics;

/// <summary>What a catalogue call produces: a distribution, a layer, an optimizer, a schedule, ...</summary>
public sealed record ObjectType(Catalog.EntryKind Kind) : HypType
{
    /// <inheritdoc />
    public override string DisplayName => Catalog.EntryKinds.Describe(Kind);
}
