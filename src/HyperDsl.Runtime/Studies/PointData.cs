using HyperDsl.Runtime.Data;

namespace HyperDsl.Runtime.Studies;

/// <summary>
/// The data each trial trains on: the loaded data, or, when the spec searches the image size
/// (<see cref="IExperimentDefinition.ImageSizeAt"/>), a copy resized to the point's size. One
/// copy per distinct size is made, on first use, and shared by the trials (and parallel
/// workers) of that size; the copies live until the study run ends.
/// </summary>
internal sealed class PointData(IExperimentDefinition experiment, DataSplits loaded) : IDisposable
{
    private readonly Dictionary<(int Height, int Width), DataSplits> _copies = [];
    private readonly Lock _gate = new();

    /// <summary>The data for a trial at <paramref name="point"/>; owned by this object.</summary>
    public DataSplits For(object point)
    {
        if (experiment.ImageSizeAt(point) is not { } size)
        {
            return loaded;
        }

        lock (_gate)
        {
            if (!_copies.TryGetValue(size, out var copy))
            {
                copy = loaded.ResizedCopy(size.Height, size.Width);
                _copies[size] = copy;
            }

            return copy;
        }
    }

    /// <summary>Disposes the resized copies (the loaded data belongs to whoever loaded it).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var copy in _copies.Values)
            {
                copy.Dispose();
            }

            _copies.Clear();
        }
    }
}
