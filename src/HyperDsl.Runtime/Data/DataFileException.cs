namespace HyperDsl.Runtime.Data;

/// <summary>A data file that is missing, unreadable or not what was expected. The message names the file and says what was expected.</summary>
public sealed class DataFileException : DataException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DataFileException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = path;
    }

    /// <summary>Creates the exception without a file (for serializers and analyzers).</summary>
    public DataFileException()
        : this("", "A data file could not be read.")
    {
    }

    /// <summary>Creates the exception without a file (for serializers and analyzers).</summary>
    public DataFileException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates the exception without a file (for serializers and analyzers).</summary>
    public DataFileException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    /// <summary>The file the problem is about.</summary>
    public string FilePath { get; }
}
