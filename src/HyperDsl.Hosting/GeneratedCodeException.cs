using HyperDsl.Syntax.Diagnostics;

namespace HyperDsl.Hosting;

/// <summary>Generated C# that does not compile, or declares what the generator did not mean: a bug in HyperDsl, never in the spec (reported as HYP9001).</summary>
public sealed class GeneratedCodeException : Exception
{
    /// <summary>Creates the exception with where the sources were kept and the compiler's errors.</summary>
    public GeneratedCodeException(string keptAt, IReadOnlyList<string> errors)
        : base(HostDiagnostics.GeneratedCodeDoesNotCompileText(keptAt, errors))
    {
        KeptAt = keptAt;
        Errors = errors;
    }

    private GeneratedCodeException(string message, string keptAt, IReadOnlyList<string> errors)
        : base(message)
    {
        KeptAt = keptAt;
        Errors = errors;
    }

    /// <summary>Generated C# that declares what the generator did not mean (spec text that became code, say): refused before it was compiled.</summary>
    public static GeneratedCodeException NotMeant(string keptAt, IReadOnlyList<string> problems) =>
        new(HostDiagnostics.GeneratedCodeRefusedText(keptAt, problems), keptAt, problems);

    /// <summary>Creates the exception.</summary>
    public GeneratedCodeException()
        : this("", [])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GeneratedCodeException(string message)
        : base(message)
    {
        KeptAt = "";
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GeneratedCodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        KeptAt = "";
        Errors = [];
    }

    /// <summary>The folder the generated sources were written to, for inspection.</summary>
    public string KeptAt { get; }

    /// <summary>The compiler's errors.</summary>
    public IReadOnlyList<string> Errors { get; }
}
