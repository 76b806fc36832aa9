namespace HyperDsl.Runtime.Native;

/// <summary>The shared libraries mapped into this process, from Linux's <c>/proc/self/maps</c>.</summary>
internal static class LoadedLibraries
{
    /// <summary>Whether a library whose file name contains <paramref name="name"/> is loaded; null where it cannot tell.</summary>
    public static bool? Contains(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return File.ReadLines("/proc/self/maps").Any(l => Path.GetFileName(l).Contains(name, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
