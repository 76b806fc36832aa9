namespace HyperDsl.Runtime;

/// <summary>An environment variable that sets up the runtime (such as <c>HYP_OMP_WAIT</c>) holds a value it does not take.</summary>
public sealed class RuntimeSettingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuntimeSettingException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public RuntimeSettingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public RuntimeSettingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
