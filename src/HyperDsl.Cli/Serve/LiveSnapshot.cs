using HyperDsl.Cli.Report;
using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Cli.Serve;

/// <summary>The study at one moment.</summary>
/// <param name="Version">A short token that changes whenever the trials do; the page re-fetches its views when it does.</param>
/// <param name="Trials">The trials, by number.</param>
/// <param name="LastChange">The latest start or end of a trial (local time, as the store keeps it), or null with no trial.</param>
/// <param name="Data">What the report's views draw from, built on first use.</param>
internal sealed record LiveSnapshot(string Version, IReadOnlyList<StoredTrial> Trials, DateTime? LastChange, Lazy<ReportData> Data);
