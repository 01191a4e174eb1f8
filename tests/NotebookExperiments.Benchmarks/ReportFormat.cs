namespace NotebookExperiments.Benchmarks;

/// <summary>How a run's results are printed.</summary>
internal enum ReportFormat
{
    /// <summary>Spectre.Console tables.</summary>
    Tables,

    /// <summary>GitHub-flavoured markdown tables (<c>--markdown</c>), as pasted into the README.</summary>
    Markdown,

    /// <summary>One JSON object (<c>--json</c>).</summary>
    Json,
}
