namespace HyperDsl.Runtime.Studies.Storage;

/// <summary>
/// How long a store on a database server keeps trying when the server cannot be reached or drops
/// the connection: it waits <see cref="FirstDelay"/>, then twice as long each time up to
/// <see cref="MaxDelay"/>, until <see cref="GiveUpAfter"/> has passed since the operation began;
/// then the operation throws a <see cref="StudyStoreException"/> that says so. Only work that cannot
/// be recorded twice is tried again (see <see cref="PostgresStudyStore"/>).
/// </summary>
public sealed record StoreRetryPolicy
{
    /// <summary>Up to a minute in all: enough for a database server to restart or a network to come back.</summary>
    public static StoreRetryPolicy Default { get; } = new();

    /// <summary>Never tries again: the first lost connection fails the operation.</summary>
    public static StoreRetryPolicy None { get; } = new() { GiveUpAfter = TimeSpan.Zero };

    /// <summary>How long one operation keeps trying, from its first attempt.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before the second attempt.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
