using System.Runtime.InteropServices;

namespace HyperDsl.Runtime.Native;

/// <summary>
/// The C library's own environment (<c>getenv</c>/<c>setenv</c>). On Linux .NET keeps a copy of
/// the environment: <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes
/// only that copy, which native libraries such as LibTorch's libgomp never see.
/// </summary>
internal static partial class LinuxEnvironment
{
    /// <summary>The native value, or null when unset or where there is no libc.</summary>
    public static string? Get(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.GetEnvironmentVariable(name);
        }

        try
        {
            // getenv's result belongs to libc: read it, never free it.
            return Marshal.PtrToStringUTF8(GetEnv(name));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return Environment.GetEnvironmentVariable(name);
        }
    }

    /// <summary>Sets the variable natively (and in .NET's copy, so both agree); false where it could not.</summary>
    public static bool Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetEnv(name, value, 1) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
