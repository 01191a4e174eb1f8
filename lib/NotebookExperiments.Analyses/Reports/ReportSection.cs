using System.Globalization;
using Microsoft.Data.Analysis;
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
        Noun = results.Analysis is ElboTable ? "cells" : "points";
        Comparison = results.Files.FirstOrDefault(f => f.Name == ComparisonFileName && f.Frame is not null)?.Frame;
        Verdicts = Comparison is null ? null : VerdictCount.Of(Comparison, Noun);
    }

    /// <summary>The file, in an analysis's folder, of its results beside the published numbers.</summary>
    public const string ComparisonFileName = "comparison.csv";

    /// <summary>What a compared result is, in the plural: <c>cells</c> (the −ELBO table) or <c>points</c> (the β sweep, the cosines).</summary>
    public string Noun { get; }

    /// <summary>The analysis's results beside the published numbers (its <see cref="ComparisonFileName"/> rebuilt from the stored
    /// units), or null for an analysis without published numbers.</summary>
    public DataFrame? Comparison { get; }

    /// <summary>What the result folder holds.</summary>
    public StoredResults Results { get; }

    /// <summary>The analysis's name, e.g. <c>elbo-table</c>.</summary>
    public string Name => Results.Analysis.Name;

    /// <summary>The analysis's figures rebuilt from its stored units (the published numbers drawn where the analysis draws them).</summary>
    public IReadOnlyList<ReportFigure> Figures { get; }

    /// <summary>The count of the verdicts of <see cref="Comparison"/>, or null for an analysis without one.</summary>
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
    /// Whether ours is compared with the published numbers, in one sentence that agrees with the verdicts of <see cref="Comparison"/>:
    /// how many results were compared (each where its run follows the published protocol and has two or more finite runs), or that
    /// none was (the published numbers then stand beside ours for reference only, and no difference is claimed), or that nothing is
    /// published for this analysis.
    /// </summary>
    public string Comparability()
    {
        var provenance = Results.Provenance;
        if (provenance is null) return "The parameters of this run are not recorded, so it is not compared with the published numbers.";
        if (provenance.PaperProtocol is null) return "No paper fixes a protocol for this analysis: nothing published to compare with.";
        string one = Noun[..^1];
        if (Verdicts is null)
            return "The comparison with the published numbers could not be rebuilt from the units present, so nothing is compared.";
        var partial = Results.State == StoredResultsState.Partial
            ? $" Partial: each {one} is compared on the runs present, which may be fewer than the protocol's."
            : "";
        if (Verdicts.Compared == 0)
            return $"Not compared with the published numbers: no {one} of this {provenance.Preset} run both has a published number and " +
                   $"follows its protocol with two or more finite runs (each {one} says why), so the published numbers stand beside ours " +
                   "for reference only, and no difference is claimed." + partial;
        return $"Compared with the published numbers {one} by {one}, where ours follows the published protocol: {Verdicts.Describe()}." + partial;
    }

    /// <summary>The count of the verdicts in one line (<see cref="VerdictCount.Describe"/>): <c>not compared (quick preset): 16 cells</c>
    /// for a run that is not at the paper's protocol and compared nothing; empty without a comparison.</summary>
    public string DescribeVerdicts() =>
        Verdicts?.Describe(Results.Provenance is { PaperProtocol: not true } p ? p.Preset : null) ?? "";

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
    /// protocol; not compared (smoke preset): 14 cells</c>, or <c>…; 40 of 42 cells compared (Welch's t, 95 %): 38 no significant
    /// difference, 2 significant difference; 2 not published</c>.</summary>
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
        if (Verdicts is not null) parts.Add(DescribeVerdicts());
        return $"{Name}: {string.Join("; ", parts)}";
    }
}
