namespace HyperDsl.Cli.Report;

/// <summary>One trial's row of the trial table.</summary>
/// <param name="Number">The trial's number.</param>
/// <param name="Best">Whether it is a best trial (on the Pareto front).</param>
/// <param name="Cells">Its cells after the number, as text.</param>
internal sealed record TrialRow(int Number, bool Best, IReadOnlyList<string> Cells);
