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
}
