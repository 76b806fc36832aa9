namespace HyperDsl.Runtime.Training.Checkpoints;

/// <summary>A checkpoint file cannot be used: it is missing, damaged, of another format version, or of another run (model, optimizer, data or owner differ). The message says which.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
