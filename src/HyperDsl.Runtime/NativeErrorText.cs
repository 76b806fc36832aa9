namespace HyperDsl.Runtime;

/// <summary>
/// LibTorch's errors arrive as exceptions whose message carries the C++ stack after the message
/// (<c>Exception raised from … (most recent call first):</c> and a dozen <c>frame #N: …</c>
/// lines). That stack means nothing to the user, so wherever a trial's failure is recorded or
/// printed, such a message is reduced to its first meaningful line.
/// </summary>
public static class NativeErrorText
{
    private const string NoMessage = "a native LibTorch error without a message";

    /// <summary>The first line of <paramref name="message"/> that is neither blank nor part of a native stack, when the message carries one; otherwise the message unchanged.</summary>
    public static string Reduce(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Split('\n');
        if (!lines.Any(IsStackLine))
        {
            return message;
        }

        return lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !IsStackLine(l)) ?? NoMessage;
    }

    private static bool IsStackLine(string line)
    {
        var text = line.TrimStart();
        return text.StartsWith("Exception raised from ", StringComparison.Ordinal) || text.StartsWith("frame #", StringComparison.Ordinal);
    }
}
