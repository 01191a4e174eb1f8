using System.Globalization;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Reports;

/// <summary>
/// One analysis in the reproduction report, from what its result folder holds (<see cref="StoredResults"/>): its state, its
/// provenance as rows, whether it may be compared with the published numbers, the count of verdicts, its tables and its figures.
/// </summary>
public sealed class ReportSection
{
    internal ReportSection(StoredResults results)
    {
        Results = results;
        Figures = results.Files.Where(f => f.Chart is not null)
            .Select(f => new ReportFigure(results.Analysis.Name, f.Name, ChartExport.ToJson(f.Chart!), f.Chart!)).ToList();
        Verdicts = results.Files.Where(f => f.Frame is not null).Select(f => VerdictCount.Of(f.Frame!)).FirstOrDefault(v => v is not null);
    }

    /// <summary>What the result folder holds.</summary>
    public StoredResults Results { get; }

    /// <summary>The analysis's name, e.g. <c>elbo-table</c>.</summary>
    public string Name => Results.Analysis.Name;

    /// <summary>The analysis's figures rebuilt from its stored units (the published numbers drawn where the analysis draws them).</summary>
    public IReadOnlyList<ReportFigure> Figures { get; }

    /// <summary>The count of the −ELBO cells' verdicts, or null for an analysis without a comparison table.</summary>
    public VerdictCount? Verdicts { get; }

    /// <summary>The commands that would produce this analysis's results: <c>notebook-experiments NAME --preset quick</c> (or <c>paper</c>).</summary>
    public string RunCommand(string preset = "quick") => $"notebook-experiments {Name} --preset {preset}";

    /// <summary>
    /// The state in one line: <c>complete: 14 of 14 units</c>, <c>partial: 5 of 14 units</c>, or
    /// <c>not run: `notebook-experiments NAME --preset quick` (or `--preset paper`)</c>.
    /// </summary>
    public string State() => Results.HasResults
        ? Results.Describe() + (Results.Running && Results.State != StoredResultsState.Complete ? " (a run started and has not finished)"
            : Results.Running ? " (every unit is stored; the run that started has not written its files: run the same command again, or --merge)" : "")
        : $"not run: `{RunCommand()}` (or `--preset paper`)";

    /// <summary>
    /// Whether ours may be compared with the published numbers, from the parameters run: at the paper's protocol, not (a quick or
    /// smoke run: the published numbers are shown for reference, without differences), or nothing published for this analysis.
    /// </summary>
    public string Comparability()
    {
        var provenance = Results.Provenance;
        if (provenance is null) return "The parameters of this run are not recorded, so it is not compared with the published numbers.";
        var partial = Results.State == StoredResultsState.Partial
            ? " Partial: cells and points are compared on the runs present, which may be fewer than the protocol's."
            : "";
        return provenance.PaperProtocol switch
        {
            true => "At the paper's protocol: compared with the published numbers cell by cell (within 2 s.e., farther, or not comparable where a cell differs)." + partial,
            false => $"Not the paper's protocol ({provenance.Preset} preset): not comparable with the published numbers, which stand beside ours for reference only, without differences.",
            null => "No paper fixes a protocol for this analysis: nothing published to compare with.",
        };
    }

    /// <summary>The provenance as (label, value) rows: command, parameters, preset, paper protocol, commit, results revision, machine,
    /// device, threads, when, time taken, units computed and found. Empty without provenance.</summary>
    public IReadOnlyList<(string Label, string Value)> ProvenanceRows()
    {
        if (Results.Provenance is not { } p) return [];
        return
        [
            ("command", p.Command),
            ("parameters", p.Description),
            ("preset", p.Preset),
            ("paper protocol", p.PaperProtocol switch { true => "yes", false => "no", null => "none published" }),
            ("commit", p.Commit ?? "not in a repository"),
            ("results revision", p.ResultsRevision.ToString(CultureInfo.InvariantCulture)),
            ("machine", p.Machine),
            ("device", p.Device),
            ("threads", p.Threads.ToString(CultureInfo.InvariantCulture)),
            ("started", p.Started.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            ("time taken", Results.Running ? "not finished" : PlanEstimate.Duration(p.Seconds)),
            ("units", Results.Running
                ? $"{Results.UnitsFound} of {p.Units} stored"
                : $"{p.Units}: {p.UnitsComputed} computed by this run, {p.Units - p.UnitsComputed} found finished"),
        ];
    }

    /// <summary>The section's one-line summary for the console, e.g. <c>elbo-table: complete: 14 of 14 units; smoke preset, not the paper's
    /// protocol; 0 of 14 cells within 2 s.e., 12 not comparable, 2 not published</c>.</summary>
    public string Summary()
    {
        var parts = new List<string> { State() };
        if (Results.Provenance is { } p)
            parts.Add(p.PaperProtocol switch
            {
                true => $"{p.Preset} preset, the paper's protocol",
                false => $"{p.Preset} preset, not the paper's protocol",
                null => $"{p.Preset} preset",
            });
        if (Verdicts is not null) parts.Add(Verdicts.Describe());
        return $"{Name}: {string.Join("; ", parts)}";
    }
}
