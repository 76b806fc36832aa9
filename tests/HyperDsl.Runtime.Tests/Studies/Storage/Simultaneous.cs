namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>Work started on several threads in the same instant, as several workers would.</summary>
internal static class Simultaneous
{
    /// <summary>
    /// Runs <paramref name="work"/>(0 .. <paramref name="count"/> - 1), each on its own thread, all
    /// released at once; returns what they gave, in order, or rethrows here what they threw (an
    /// exception left on a thread would end the test process).
    /// </summary>
    public static List<T> Run<T>(int count, Func<int, IEnumerable<T>> work)
    {
        using var start = new Barrier(count);
        var results = new List<T>[count];
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                results[i] = [.. work(i)];
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return errors.OfType<Exception>().ToList() is { Count: > 0 } thrown
            ? throw new AggregateException(thrown)
            : [.. results.SelectMany(r => r)];
    }
}
