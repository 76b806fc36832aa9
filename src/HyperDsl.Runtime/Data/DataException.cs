namespace HyperDsl.Runtime.Data;

/// <summary>
/// The data a spec names cannot be used: a file is missing or corrupt (<see cref="DataFileException"/>),
/// or the images do not fit the model the spec checked. The message is one paragraph for the user.
/// </summary>
public class DataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataException()
        : this("The data cannot be used.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
