namespace HyperDsl.Runtime;

/// <summary>A device the spec names is not present on this machine (a CUDA index past the GPUs LibTorch sees).</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public DeviceUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
