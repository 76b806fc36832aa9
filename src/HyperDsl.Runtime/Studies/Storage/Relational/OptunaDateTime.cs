using System.Globalization;

namespace HyperDsl.Runtime.Studies.Storage.Relational;

/// <summary>
/// Times as Optuna's tables hold them: trial starts and ends in local time with microseconds (Python's
/// <c>datetime.now()</c>), heartbeats in UTC to the second (SQL's <c>CURRENT_TIMESTAMP</c>), so that
/// Optuna's own staleness check agrees with ours.
/// </summary>
internal static class OptunaDateTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss"];

    public static string Format(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string FormatHeartbeat(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static DateTime Parse(string text) =>
        DateTime.ParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>What a time reads back as after <see cref="Format"/>: whole microseconds.</summary>
    public static DateTime ToMicroseconds(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Unspecified);
}
