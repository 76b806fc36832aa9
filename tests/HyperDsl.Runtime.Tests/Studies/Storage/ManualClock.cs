namespace HyperDsl.Runtime.Tests.Studies.Storage;

/// <summary>A clock the test moves, in a zone two hours east of UTC so that local and UTC times differ.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("test+02", TimeSpan.FromHours(2), "test+02", "test+02");

    public DateTimeOffset Now { get; set; } = now;

    public override TimeZoneInfo LocalTimeZone => Zone;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
