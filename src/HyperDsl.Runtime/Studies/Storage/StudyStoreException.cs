namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>A store that cannot be opened or used as asked: the message says what is wrong, where, and what to do.</summary>
public sealed class StudyStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StudyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StudyStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The connection was lost while the change was being committed, so it may or may not have
    /// been recorded (and was not tried again, which could record it twice).
    /// </summary>
    public bool OutcomeUnknown { get; init; }
}
