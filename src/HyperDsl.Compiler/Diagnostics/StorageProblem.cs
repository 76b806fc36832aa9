namespace HyperDsl.Compiler.Diagnostics;

/// <summary>Why a spec's study storage is refused (HYP4013).</summary>
internal enum StorageProblem
{
    /// <summary>Empty or only spaces.</summary>
    Empty,

    /// <summary>A control character or line break.</summary>
    Unprintable,

    /// <summary>'env:NAME'.</summary>
    EnvironmentVariable,

    /// <summary>A URL or 'host:...': a server or another kind of location.</summary>
    Server,

    /// <summary>An absolute path ('/', '\\', '~').</summary>
    AbsolutePath,

    /// <summary>A path through '..'.</summary>
    LeavesSpecFolder,
}
