namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>Everything a run produced: where it ran and one or more tables per section.</summary>
/// <param name="Environment">Where and when.</param>
/// <param name="Tables">The tables, in section order.</param>
internal sealed record BenchmarkReport(RunEnvironment Environment, IReadOnlyList<ReportTable> Tables);
