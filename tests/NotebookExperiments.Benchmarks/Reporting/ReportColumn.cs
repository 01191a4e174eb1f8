namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>A column of a <see cref="ReportTable"/>.</summary>
/// <param name="Key">Its name in JSON (snake_case, with the unit, e.g. <c>median_ms</c>).</param>
/// <param name="Header">Its heading in tables.</param>
/// <param name="Numeric">Right-aligned in tables.</param>
/// <param name="JsonOnly">Only in JSON (e.g. quartiles that the tables summarise as a range).</param>
internal sealed record ReportColumn(string Key, string Header, bool Numeric = true, bool JsonOnly = false);
