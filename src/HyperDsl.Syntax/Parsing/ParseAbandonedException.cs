namespace HyperDsl.Syntax.Parsing;

/// <summary>
/// Stops a parse that cannot usefully go on (too many errors, nesting too deep). Never escapes
/// <see cref="SpecParser"/>: the reason is always reported as a diagnostic first.
/// </summary>
internal sealed class ParseAbandonedException : Exception
{
    public ParseAbandonedException()
        : base("The parse was abandoned; see the diagnostics.")
    {
    }

    public ParseAbandonedException(string message)
        : base(message)
    {
    }

    public ParseAbandonedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
