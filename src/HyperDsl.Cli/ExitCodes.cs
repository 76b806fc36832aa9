namespace HyperDsl.Cli;

/// <summary>The process exit codes of <c>hyp</c>; scripts and CI rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked, no errors (for <c>run</c>: the study stopped as planned).</summary>
    public const int Success = 0;

    /// <summary>At least one spec has an error.</summary>
    public const int SpecErrors = 1;

    /// <summary><c>hyp diff</c>: the two versions differ in meaning (as <c>diff</c> exits 1 when files differ).</summary>
    public const int Differences = 1;

    /// <summary>The command line was wrong or a file could not be read.</summary>
    public const int UsageOrIo = 2;

    /// <summary>The study stopped because too many trials in a row failed.</summary>
    public const int StudyFailed = 3;

    /// <summary>A bug in HyperDsl stopped the command (sysexits' EX_SOFTWARE): never a user mistake.</summary>
    public const int InternalError = 70;

    /// <summary>The user interrupted the study (Ctrl-C); what ran is stored.</summary>
    public const int Interrupted = 130;
}
