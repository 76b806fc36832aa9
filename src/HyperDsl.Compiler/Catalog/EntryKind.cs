namespace HyperDsl.Compiler.Catalog;

/// <summary>What a catalogue entry is, which decides where a spec may call it.</summary>
public enum EntryKind
{
    /// <summary>A search-space distribution: <c>uniform</c>, <c>choice</c>, ...</summary>
    Distribution,

    /// <summary>Where the images come from: <c>fashion_mnist</c>, <c>image_folder</c>, ...</summary>
    DataSource,

    /// <summary>An image transform: augmentation or evaluation preprocessing.</summary>
    Transform,

    /// <summary>A layer of the model.</summary>
    Layer,

    /// <summary>A whole pretrained-style network: <c>resnet18</c>, ...</summary>
    Backbone,

    /// <summary>A loss function.</summary>
    Loss,

    /// <summary>An optimizer.</summary>
    Optimizer,

    /// <summary>A learning-rate schedule.</summary>
    Schedule,

    /// <summary>A search strategy.</summary>
    Sampler,

    /// <summary>An early-stopping rule for trials.</summary>
    Pruner,

    /// <summary>A pure function on numbers: <c>min</c>, <c>floor</c>, ...</summary>
    Function,
}

/// <summary>Names of entry kinds for messages.</summary>
public static class EntryKinds
{
    /// <summary>"a layer", "an optimizer", ...</summary>
    public static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Distribution => "a distribution",
        EntryKind.DataSource => "a data source",
        EntryKind.Transform => "a transform",
        EntryKind.Layer => "a layer",
        EntryKind.Backbone => "a backbone",
        EntryKind.Loss => "a loss",
        EntryKind.Optimizer => "an optimizer",
        EntryKind.Schedule => "a schedule",
        EntryKind.Sampler => "a sampler",
        EntryKind.Pruner => "a pruner",
        _ => "a function",
    };
}
