using System.Collections.Immutable;
using HyperDsl.Compiler.Catalog.Shapes;

namespace HyperDsl.Compiler.Catalog;

/// <summary>
/// A callable name of the language: a distribution, layer, optimizer, schedule, sampler, ...
/// The checker, the docs and the code generator all read these entries.
/// </summary>
/// <param name="Name">The name as written in a spec.</param>
/// <param name="Kind">What it is, which decides where it may be used.</param>
/// <param name="Parameters">Its parameters in positional order.</param>
/// <param name="Summary">One line for the docs.</param>
public sealed record CatalogEntry(string Name, EntryKind Kind, ImmutableArray<ArgSpec> Parameters, string Summary)
{
    /// <summary>How generated code makes its runtime object, for the entries (samplers, pruners) that map to one record of the runtime.</summary>
    public RuntimeConstructor? Constructor { get; init; }

    /// <summary>For a sampler or pruner: what the checker must know of it (a grid's finite space, a pruner's first rung).</summary>
    public StrategyMeaning Strategy { get; init; } = StrategyMeaning.None;

    /// <summary>A function's meaning (result type, value, runtime method); every function entry has one, no other entry does.</summary>
    public FunctionMeaning? Function { get; init; }

    /// <summary>The meaning of this function entry.</summary>
    /// <exception cref="InvalidOperationException">This entry is not a function: the binder resolves calls to functions only, so this is a bug in HyperDsl.</exception>
    public FunctionMeaning FunctionMeaning =>
        Function ?? throw new InvalidOperationException($"Internal error: '{Name}' is {Kind}, not a function with a meaning in the catalogue.");

    /// <summary>A distribution's meaning (the kind of domain it samples); every distribution entry has one, no other entry does.</summary>
    public DistributionMeaning? Distribution { get; init; }

    /// <summary>The meaning of this distribution entry.</summary>
    /// <exception cref="InvalidOperationException">This entry is not a distribution: the binder resolves '~' to distributions only, so this is a bug in HyperDsl.</exception>
    public DistributionMeaning DistributionMeaning =>
        Distribution ?? throw new InvalidOperationException($"Internal error: '{Name}' is {Kind}, not a distribution with a meaning in the catalogue.");

    /// <summary>A data source's meaning (the images and classes it gives, how it is loaded); every data source entry has one, no other entry does.</summary>
    public DataSourceMeaning? Source { get; init; }

    /// <summary>A transform's meaning (its effect on the image size, how it is made); every transform entry has one, no other entry does.</summary>
    public TransformMeaning? Transform { get; init; }

    /// <summary>For a layer: how generated code builds it with the runtime's <c>ModelBuilder</c>.</summary>
    public RuntimeLayer? Runtime { get; init; }

    /// <summary>For a layer: what it does to a sample's shape and what it costs; every layer entry has one, no other entry does.</summary>
    public LayerShapeRule? Shape { get; init; }

    /// <summary>The shape rule of this layer entry.</summary>
    /// <exception cref="InvalidOperationException">This entry is not a layer: the binder lets only layers into the model, so this is a bug in HyperDsl.</exception>
    public LayerShapeRule ShapeRule =>
        Shape ?? throw new InvalidOperationException($"Internal error: '{Name}' is {Kind}, not a layer with a shape rule in the catalogue.");

    /// <summary>For a backbone: the layout of its network, which the shape checker builds on shapes; every backbone entry has one, no other entry does.</summary>
    public BackboneLayout? Layout { get; init; }

    /// <summary>The network layout of this backbone entry.</summary>
    /// <exception cref="InvalidOperationException">This entry is not a backbone, so this is a bug in HyperDsl.</exception>
    public BackboneLayout BackboneLayout =>
        Layout ?? throw new InvalidOperationException($"Internal error: '{Name}' is {Kind}, not a backbone with a layout in the catalogue.");

    /// <summary>For an optimizer, loss or schedule: the runtime method (or property) generated code makes it with.</summary>
    public RuntimeFactory? Factory { get; init; }

    /// <summary>For a schedule with an argument that says when in training something happens (a milestone, a warm-up's length): that argument, which the checker holds within the epochs.</summary>
    public ScheduleTiming? Timing { get; init; }

    /// <summary>Pairs of parameters where the first may not be below the second (a cycle's max_lr and base_lr), checked at every point.</summary>
    public ImmutableArray<(string Parameter, string Bound)> NotBelow { get; init; } = [];

    /// <summary>
    /// The tasks (<see cref="BuiltinCatalog.Tasks"/>) a data source, transform or loss serves; empty for
    /// every task. A data source gives labels of one kind (one per image, or masks); a transform serves
    /// segmentation only when it moves masks with the images (or leaves them alone); a loss only when
    /// it has a per-pixel form.
    /// </summary>
    public ImmutableArray<string> Tasks { get; init; } = [];

    /// <summary>
    /// Weights of which one must be above 0 at every point (a sum of losses: <c>sum(cross_entropy:, dice:)</c>);
    /// the checker asks that one of them is given and above 0 over the whole space (HYP4060).
    /// </summary>
    public ImmutableArray<string> SomeWeightAboveZero { get; init; } = [];

    /// <summary>Whether it serves <paramref name="task"/>.</summary>
    public bool Serves(string task) => Tasks.IsEmpty || Tasks.Contains(task);

    /// <summary>
    /// Pairs where, when the bool parameter <c>Flag</c> is true, <c>Parameter</c> (given or by its
    /// default) must be above 0 (sgd's nesterov needs a momentum), checked at every point: the
    /// runtime refuses the pair, so every trial would fail.
    /// </summary>
    public ImmutableArray<(string Flag, string Parameter)> PositiveWhen { get; init; } = [];

    /// <summary>The parameter with this name, if any.</summary>
    public ArgSpec? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The signature as shown in docs and messages: <c>conv(out, kernel: 3, ...)</c>.</summary>
    public string Signature =>
        Name + "(" + string.Join(", ", Parameters.Select(p => p.Required ? p.Name : $"{p.Name}: {p.Default?.Display ?? "none"}")) + ")";
}
