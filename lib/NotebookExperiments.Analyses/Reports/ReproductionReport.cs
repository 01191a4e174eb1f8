using System.Text;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Reports;

/// <summary>
/// The reproduction report of a results folder (the parent of the <c>&lt;analysis&gt;/</c> folders): for every analysis of
/// <see cref="AnalysisRegistry"/>, whatever results it has — complete, partial (<c>partial: N of M units</c>) or none (with the
/// command that runs it) — with its provenance, whether it is compared with the published numbers, the count of the verdicts and
/// the comparison point by point with each published number's source (<c>comparison.csv</c>: the −ELBO cells, the β sweep, the
/// cosines), every table and every figure rebuilt from the stored units exactly as the analysis writes them (ours beside the
/// published numbers). <see cref="WriteTo"/> writes it as one offline HTML page (plotly.js embedded once, no network) and one
/// Markdown page that links each figure's own page and JSON.
/// </summary>
public sealed class ReproductionReport
{
    /// <summary>The HTML page's file name.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>The Markdown page's file name.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>The folder, beside the pages, of each figure's standalone page and Plotly JSON.</summary>
    public const string FiguresFolderName = "report-figures";

    private ReproductionReport(string resultsDirectory, IReadOnlyList<ReportSection> sections, DateTimeOffset written)
    {
        ResultsDirectory = resultsDirectory;
        Sections = sections;
        Written = written;
    }

    /// <summary>The results folder read.</summary>
    public string ResultsDirectory { get; }

    /// <summary>One section per analysis, in <see cref="AnalysisRegistry.All"/>'s order, including those not run.</summary>
    public IReadOnlyList<ReportSection> Sections { get; }

    /// <summary>When the report was read (UTC).</summary>
    public DateTimeOffset Written { get; }

    /// <summary>Whether at least one analysis has results.</summary>
    public bool HasResults => Sections.Any(s => s.Results.HasResults);

    /// <summary>Reads every analysis's folder under <paramref name="resultsDirectory"/> (which need not exist).</summary>
    /// <param name="resultsDirectory">The results folder, e.g. <c>results</c>.</param>
    /// <param name="trainImages">The size of the training set the units were keyed with (60,000 for MNIST).</param>
    public static ReproductionReport Read(string resultsDirectory, long trainImages = StoredResults.MnistTrainImages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        var full = Path.GetFullPath(resultsDirectory);
        var sections = AnalysisRegistry.All.Select(a => new ReportSection(a.ReadResults(Path.Combine(full, a.Name), trainImages))).ToList();
        return new ReproductionReport(full, sections, DateTimeOffset.UtcNow);
    }

    /// <summary>Reads <paramref name="resultsDirectory"/> and writes its report into <paramref name="outputDirectory"/> (default: the results folder).</summary>
    public static ReproductionReportFiles Write(string resultsDirectory, string? outputDirectory = null) => Read(resultsDirectory).WriteTo(outputDirectory);

    /// <summary>One line per analysis (<see cref="ReportSection.Summary"/>).</summary>
    public IReadOnlyList<string> Summary() => Sections.Select(s => s.Summary()).ToList();

    /// <summary>
    /// Writes <see cref="HtmlFileName"/>, <see cref="MarkdownFileName"/> and, under <see cref="FiguresFolderName"/>, each figure as a
    /// standalone page (plotly.js embedded) and as Plotly JSON, into <paramref name="outputDirectory"/> (default: the results folder;
    /// created when missing). Every file is written through a temporary file and a rename.
    /// </summary>
    public ReproductionReportFiles WriteTo(string? outputDirectory = null)
    {
        var output = Path.GetFullPath(outputDirectory ?? ResultsDirectory);
        var figures = Path.Combine(output, FiguresFolderName);
        Directory.CreateDirectory(output);
        var figurePaths = new List<string>();
        foreach (var figure in Sections.SelectMany(s => s.Figures))
        {
            Directory.CreateDirectory(figures);
            var json = Path.Combine(figures, figure.BaseName + ".json");
            CsvFile.WriteAtomically(json, figure.Json + "\n");
            figurePaths.Add(json);
            figurePaths.Add(ChartExport.SaveStandaloneHtml(figure.Chart, Path.Combine(figures, figure.BaseName + ".html"), figure.BaseName));
        }
        var html = Path.Combine(output, HtmlFileName);
        var markdown = Path.Combine(output, MarkdownFileName);
        CsvFile.WriteAtomically(html, ReportHtml.Page(this, output));
        CsvFile.WriteAtomically(markdown, ReportMarkdown.Page(this, output));
        return new ReproductionReportFiles(html, markdown, figurePaths, Summary());
    }

    /// <summary>The path of <paramref name="path"/> relative to <paramref name="from"/>, with forward slashes (a link in a page).</summary>
    internal static string Link(string from, string path) => Path.GetRelativePath(from, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The report's opening lines: what it is and what it read.</summary>
    internal string Introduction() =>
        new StringBuilder()
            .Append("Every analysis of this results folder, with our numbers beside the published ones where an analysis has them. ")
            .Append("Figures and tables are rebuilt from the stored units, so a run stopped part-way gives a partial report. ")
            .Append("Each published number is compared with ours only where our run follows its protocol and has two or more finite runs ")
            .Append("(Welch's t test, two-sided at 95 %); elsewhere, as in every quick or smoke run, it stands beside ours for reference, ")
            .Append("says what differs, and no difference is claimed. Every published number names its source, the authors' result files.")
            .ToString();
}
