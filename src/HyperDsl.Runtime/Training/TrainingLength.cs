using System.Globalization;

namespace HyperDsl.Runtime.Training;

/// <summary>A length of training in epochs or in optimizer steps (batches): <c>1 epoch</c>, <c>500 steps</c>.</summary>
public readonly record struct TrainingLength
{
    private TrainingLength(long value, bool inEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        Value = value;
        InEpochs = inEpochs;
    }

    /// <summary>The number of epochs or steps.</summary>
    public long Value { get; }

    /// <summary>Whether <see cref="Value"/> counts epochs (otherwise steps).</summary>
    public bool InEpochs { get; }

    /// <summary><paramref name="count"/> epochs.</summary>
    public static TrainingLength Epochs(long count) => new(count, inEpochs: true);

    /// <summary><paramref name="count"/> optimizer steps.</summary>
    public static TrainingLength Steps(long count) => new(count, inEpochs: false);

    /// <summary>The length in steps, given the steps in one epoch.</summary>
    public long ToSteps(long stepsPerEpoch) => InEpochs ? Value * stepsPerEpoch : Value;

    /// <inheritdoc />
    public override string ToString() =>
        Value.ToString(CultureInfo.InvariantCulture) + (InEpochs ? (Value == 1 ? " epoch" : " epochs") : (Value == 1 ? " step" : " steps"));
}
