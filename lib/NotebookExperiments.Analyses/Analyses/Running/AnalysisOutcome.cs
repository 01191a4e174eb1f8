using Microsoft.Data.Analysis;

namespace NotebookExperiments.Analyses;

/// <summary>A table to show after a run (the command line prints it; notebooks display the result's frames themselves).</summary>
/// <param name="Title">Its title.</param>
/// <param name="Frame">The table.</param>
/// <param name="Digits">Significant digits of numbers.</param>
/// <param name="Explain">The text of a cell whose plain value would mislead (a NaN with a meaning), or null for the plain value;
/// called with the column name and the row.</param>
/// <param name="Note">What the table's marks mean, shown under it where the table stands alone (the reproduction report); null for
/// none. The command line prints an analysis's notes after its tables instead.</param>
public sealed record ResultTable(string Title, DataFrame Frame, int Digits = 5, Func<string, long, string?>? Explain = null, string? Note = null);

/// <summary>What a finished run of an analysis leaves: the files it wrote, the tables and lines to show, and its provenance.</summary>
/// <param name="Directory">The result folder.</param>
/// <param name="Files">The files written, in order (full paths).</param>
/// <param name="Tables">Tables to show.</param>
/// <param name="Notes">Lines to show after the tables (e.g. the shape of the β-sweep curve).</param>
/// <param name="Provenance">How the results were made.</param>
public sealed record AnalysisOutcome(string Directory, IReadOnlyList<string> Files, IReadOnlyList<ResultTable> Tables, IReadOnlyList<string> Notes,
    Provenance Provenance);
