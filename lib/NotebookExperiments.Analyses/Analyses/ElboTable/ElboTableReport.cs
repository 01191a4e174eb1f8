using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using NotebookExperiments.Published;
using NotebookExperiments.Statistics;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The −ELBO table as the papers print it — rows: estimators; columns: configurations, each with its train and test −ELBO;
/// cells: mean ± standard error over seeds, diverged runs counted — as a <see cref="DataFrame"/> of text, as Markdown and as HTML,
/// all from <see cref="ElboTable.Summarise"/>'s frame. The table says on its face whether its differences are above noise: the
/// lowest mean of a column is starred only when every other cell of the column differs significantly from it (the runs paired by
/// seed, <see cref="SeedPairs"/>, the test of <see cref="ElboTableReading"/>; Welch's t on the means when only the summary is
/// given), and the cells that do not are marked instead (<see cref="NoiseMark"/>); with one run per cell
/// nothing is marked, for want of a standard error. Given the parameters that were run, each train cell also stands beside its
/// published number (<see cref="PublishedResults.ElboTable"/>, with its source) and a verdict (<see cref="PublishedComparison"/>),
/// decided per cell by <see cref="Comparability.OfElboTableCell"/> and the runs present.
/// </summary>
public static class ElboTableReport
{
    /// <summary>The mark of a column's lowest mean when it differs significantly from every other cell of the column.</summary>
    public const string BestMark = "★";

    /// <summary>The mark of the cells that do not differ significantly from the column's lowest mean (that cell included): the column
    /// has no best above noise.</summary>
    public const string NoiseMark = "≈";

    /// <summary>The note under the table: what the numbers and marks mean.</summary>
    public const string Legend =
        "−ELBO in nats (lower is better): mean ± standard error over seeds of the last epoch's train −ELBO and of the test −ELBO " +
        "after it; diverged runs are left out of the mean and counted in the cell. ★ marks the lowest mean of a column (among the " +
        "estimators with no diverged run) when every other cell of the column differs significantly from it; ≈ marks, instead, the " +
        "lowest mean and every cell that does not: no best stands above noise there. Runs of one seed share the initialisation and " +
        "the data order, so a cell is compared with the lowest by their differences paired by seed (two-sided 95 % Student-t " +
        "interval over the seeds where both finished, as in the reading; Welch's t test on the means for a table made from a summary " +
        "without its runs). A column with a cell of one finite run has no standard error to test with, and nothing in it is marked.";

    /// <summary>The note under a table compared with the published numbers: where they come from and how the verdict is decided.</summary>
    public const string ComparisonLegend =
        "Published: the final train −ELBO of " + PublishedResults.Source + ", mean ± standard error over 10 seeds unless noted, " +
        "160 epochs, each with its source (the result files in " + PublishedResults.RepositoryCitation + "). Verdict: " +
        PublishedComparison.TestDescription + ": \"no significant difference\" or \"significant difference\". A cell is compared only " +
        "when it was run at the published protocol — 160 epochs on all 60,000 images, batch 100, at least 2 seeds, the row's published " +
        "hyperparameters on that configuration (ST on 10×30: the published learning rate 7e-3) — and has two or more runs with a finite " +
        "result; otherwise it is \"not comparable\", with what differs. \"not published\": no published number (ReinMax-CV, rows of " +
        "your own). The published test −ELBO is not compared.";

    /// <summary>The columns <see cref="Table"/> reads.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [Columns.Config, Columns.Estimator, Columns.Runs, Columns.DivergedRuns, Columns.MeanTrainElbo, Columns.SeTrainElbo, Columns.MeanTestElbo, Columns.SeTestElbo];

    /// <summary>
    /// The table: a text column <c>estimator</c>, then per configuration <c>&lt;config&gt; train</c> and <c>&lt;config&gt; test</c>
    /// (e.g. <c>8x4 train</c>), each cell as <c>98.31 ± 0.12</c> (<c>98.31 (1 run)</c> with one run), followed by ★ or ≈ (see
    /// <see cref="Legend"/>) and by <c>(2 of 10 diverged)</c> when runs diverged; <c>diverged (10 of 10)</c> when all did; <c>—</c>
    /// when the estimator was not run on that configuration. With <paramref name="parameters"/>, each configuration also has
    /// <c>&lt;config&gt; published train</c> (the published mean ± s.e., with its caveats, or <c>—</c>) and <c>&lt;config&gt; vs
    /// published</c> (<see cref="PublishedComparison.Describe"/>: <c>no significant difference (Welch's t = +0.54, df = 14.2, p =
    /// 0.60)</c>, <c>not comparable: 3 epochs (published: 160); …</c>, <c>not published</c>) between its train and test columns.
    /// </summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="parameters">The parameters the summary was run with, to set each cell beside the published one; null for the
    /// table alone.</param>
    /// <param name="runs">The runs the summary was made from (<see cref="ElboTableResult.Runs"/>), to mark the cells by their runs
    /// paired by seed; null: by Welch's t on the summary's means (see <see cref="Legend"/>).</param>
    /// <exception cref="ArgumentException">A column of the summary is missing.</exception>
    public static DataFrame Table(DataFrame summary, ElboTableParameters? parameters = null, DataFrame? runs = null)
    {
        var model = Model(summary, parameters, runs);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn(Columns.Estimator, model.Estimators) };
        foreach (var c in model.Configs)
        {
            var rows = model.Estimators.Select(e => model.Row(c, e, sources: false).ToList()).ToList();
            columns.AddRange(model.Headers.Select((h, k) => new StringDataFrameColumn($"{c} {h}", rows.Select(r => r[k].Text))));
        }
        return new DataFrame(columns);
    }

    /// <summary>
    /// Why columns of the table have no mark, one sentence, e.g. <c>No ★ or ≈ in 8×4 train, 8×4 test: one run per cell, so no
    /// standard error.</c>; null when every column could be tested.
    /// </summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="runs">Its runs, as for <see cref="Table"/>.</param>
    public static string? MarksNote(DataFrame summary, DataFrame? runs = null) => Model(summary, runs: runs).MarksNote();

    /// <summary>
    /// Each cell of <paramref name="summary"/> beside its published number, one row per (configuration, estimator): <c>config</c>,
    /// <c>estimator</c>, <c>runs</c> (finite runs, those the mean is over), <c>diverged_runs</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c> (ours), then <c>published_mean</c>, <c>published_se</c>, <c>published_seeds</c>, <c>t</c>, <c>df</c>,
    /// <c>p</c>, <c>verdict</c> (<see cref="PublishedComparison.Label"/>), <c>detail</c> (<see cref="PublishedComparison.Describe"/>)
    /// and <c>source</c> (the published number's source, empty when none is published).
    /// </summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="parameters">The parameters the summary was run with.</param>
    public static DataFrame Comparison(DataFrame summary, ElboTableParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var model = Model(summary, parameters);
        var keys = (from c in model.Configs from e in model.Estimators where model.Cell(c, e) is not null select (Config: c, Estimator: e)).ToList();
        var published = keys.Select(k => PublishedResults.ElboCell(k.Config, k.Estimator)?.TrainElbo).ToList();
        var verdicts = keys.Select(k => model.Verdict(k.Config, k.Estimator)!).ToList();
        return new DataFrame(new DataFrameColumn[]
        {
            new StringDataFrameColumn(Columns.Config, keys.Select(k => k.Config)),
            new StringDataFrameColumn(Columns.Estimator, keys.Select(k => k.Estimator)),
            new Int32DataFrameColumn(Columns.Runs, keys.Select(k => model.Cell(k.Config, k.Estimator)!.Runs)),
            new Int32DataFrameColumn(Columns.DivergedRuns, keys.Select(k => model.Cell(k.Config, k.Estimator)!.Diverged)),
            new DoubleDataFrameColumn(Columns.MeanTrainElbo, keys.Select(k => model.Cell(k.Config, k.Estimator)!.Train)),
            new DoubleDataFrameColumn(Columns.SeTrainElbo, keys.Select(k => model.Cell(k.Config, k.Estimator)!.TrainSe)),
        }.Concat(ComparisonColumns.Of(published, verdicts)));
    }

    /// <summary>
    /// The hyperparameters the runs use: a text column <c>estimator</c>, then one column per configuration with the row's spec,
    /// optimiser and learning rate there, e.g. <c>st:tau=1.3, Adam 0.001</c>.
    /// </summary>
    public static DataFrame Hyperparameters(ElboTableParameters parameters)
    {
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn(Columns.Estimator, parameters.Rows.Select(r => r.Estimator)) };
        foreach (var c in parameters.Configurations)
            columns.Add(new StringDataFrameColumn(c, parameters.Rows.Select(r => r.On(c)).Select(s =>
                $"{s.Spec}, {s.Optimizer} {s.LearningRate.ToString("R", CultureInfo.InvariantCulture)}")));
        return new DataFrame(columns);
    }

    /// <summary>The table as Markdown (GitHub tables): a title line, the table with the starred cells in bold, and the legend; with
    /// <paramref name="parameters"/>, each train column followed by the published number (with a numbered source) and the verdict,
    /// the comparison's legend and the sources.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run (e.g. <see cref="ElboTableParameters.Describe"/>).</param>
    /// <param name="parameters">The parameters the summary was run with, to compare with the published numbers; null for none.</param>
    /// <param name="runs">Its runs, to mark the cells as <see cref="Table"/> does.</param>
    public static string ToMarkdown(DataFrame summary, string subtitle, ElboTableParameters? parameters = null, DataFrame? runs = null)
    {
        var model = Model(summary, parameters, runs);
        static string M(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append("### Final −ELBO per estimator and configuration\n\n").Append(subtitle).Append("\n\n");
        text.Append("| estimator |").AppendJoin("", from c in model.Configs from h in model.Headers select $" {Times(c)} {h} |").Append('\n');
        // Numbers right-aligned, the verdicts' text left-aligned.
        text.Append("|---|").AppendJoin("", from c in model.Configs from h in model.Headers select h == "vs published" ? "---|" : "---:|")
            .Append('\n');
        foreach (var e in model.Estimators)
            text.Append("| ").Append(M(e)).Append(" |").AppendJoin("", model.Configs.SelectMany(c => model.Row(c, e))
                .Select(x => $" {(x.Best ? $"**{M(x.Text)}**" : M(x.Text))} |")).Append('\n');
        text.Append('\n').Append(Legend).Append('\n');
        if (model.MarksNote() is { } marks) text.Append('\n').Append(marks).Append('\n');
        if (model.Compared)
        {
            text.Append('\n').Append(ComparisonLegend).Append('\n');
            if (model.Sources.Count > 0)
            {
                text.Append("\nSources of the published numbers:\n\n");
                for (int i = 0; i < model.Sources.Count; i++) text.Append(i + 1).Append(". ").Append(M(model.Sources[i])).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The table as an HTML fragment (a <c>&lt;table&gt;</c> with a caption, the configurations spanning their train and
    /// test columns, the starred cells in bold, and the legend), self-contained for reports and notebooks; with
    /// <paramref name="parameters"/>, each train column followed by the published number (with a numbered source) and the verdict,
    /// the comparison's legend and the sources, linked to the authors' repository at the commit read.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run.</param>
    /// <param name="parameters">The parameters the summary was run with, to compare with the published numbers; null for none.</param>
    /// <param name="runs">Its runs, to mark the cells as <see cref="Table"/> does.</param>
    public static string ToHtml(DataFrame summary, string subtitle, ElboTableParameters? parameters = null, DataFrame? runs = null)
    {
        var model = Model(summary, parameters, runs);
        const string cellStyle = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap";
        const string noteStyle = "max-width:900px;color:#444";
        var html = new StringBuilder();
        html.Append("<div class=\"elbo-table\" style=\"font-family:sans-serif;font-size:13px\">");
        html.Append("<table style=\"border-collapse:collapse\"><caption style=\"text-align:left;padding-bottom:4px\"><b>Final −ELBO per estimator and configuration</b><br>")
            .Append(E(subtitle)).Append("</caption>");
        html.Append("<thead><tr><th rowspan=\"2\" style=\"text-align:left;padding:2px 8px\">estimator</th>");
        foreach (var c in model.Configs)
            html.Append("<th colspan=\"").Append(model.Headers.Count).Append("\" style=\"padding:2px 8px;border-bottom:1px solid #999\">")
                .Append(E(Times(c))).Append(" VAE</th>");
        html.Append("</tr><tr>").AppendJoin("", from c in model.Configs from h in model.Headers select $"<th style=\"padding:2px 8px\">{h}</th>")
            .Append("</tr></thead><tbody>");
        foreach (var e in model.Estimators)
        {
            html.Append("<tr><td style=\"padding:2px 8px;border-bottom:1px solid #ddd;text-align:left\">").Append(E(e)).Append("</td>");
            foreach (var (text, best) in model.Configs.SelectMany(c => model.Row(c, e)))
                html.Append("<td style=\"").Append(cellStyle).Append("\">").Append(best ? $"<b>{E(text)}</b>" : E(text)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table><p style=\"").Append(noteStyle).Append("\">").Append(E(Legend)).Append("</p>");
        if (model.MarksNote() is { } marks) html.Append("<p style=\"").Append(noteStyle).Append("\">").Append(E(marks)).Append("</p>");
        if (model.Compared)
        {
            html.Append("<p style=\"").Append(noteStyle).Append("\">").Append(E(ComparisonLegend)).Append("</p>");
            if (model.Sources.Count > 0)
                html.Append("<p style=\"").Append(noteStyle).Append(";margin-bottom:0\">Sources of the published numbers, in <a href=\"")
                    .Append(E(PublishedResults.RepositoryUrl)).Append("\">").Append(E(PublishedResults.RepositoryCitation)).Append("</a>:</p><ol style=\"")
                    .Append(noteStyle).Append(";margin-top:2px\">").AppendJoin("", model.Sources.Select(x => $"<li>{E(x)}</li>")).Append("</ol>");
        }
        html.Append("</div>");
        return html.ToString();
    }

    /// <summary>A standalone HTML page of the table (for the report folder); with <paramref name="parameters"/>, compared with the
    /// published numbers as in <see cref="ToHtml"/>.</summary>
    public static string ToHtmlPage(DataFrame summary, string subtitle, ElboTableParameters? parameters = null, DataFrame? runs = null) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>−ELBO table</title></head><body>\n" +
        ToHtml(summary, subtitle, parameters, runs) + "\n</body></html>\n";

    private static string E(string s) => Display.HtmlText.Encode(s);

    private static string Times(string config) => config.Replace('x', '×');

    private enum Mark
    {
        None,
        Best,
        WithinNoise,
    }

    private sealed record CellModel(int Runs, int Diverged, double Train, double TrainSe, double Test, double TestSe)
    {
        public Mark TrainMark { get; set; }

        public Mark TestMark { get; set; }

        public string TrainText() => Text(Train, TrainSe, TrainMark);

        public string TestText() => Text(Test, TestSe, TestMark);

        public MeanEstimate Estimate(bool train) => train ? new(Train, TrainSe, Runs) : new(Test, TestSe, Runs);

        private string Text(double mean, double se, Mark mark)
        {
            int total = Runs + Diverged;
            if (!double.IsFinite(mean)) return Diverged > 0 ? $"diverged ({Diverged} of {total})" : "—";
            var text = Runs == 1 ? $"{F(mean)} (1 run)" : $"{F(mean)} ± {F(se)}";
            if (mark == Mark.Best) text += " " + BestMark;
            else if (mark == Mark.WithinNoise) text += " " + NoiseMark;
            if (Diverged > 0) text += $" ({Diverged} of {total} diverged)";
            return text;
        }

        public static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
    }

    private sealed record TableModel(IReadOnlyList<string> Configs, IReadOnlyList<string> Estimators, IReadOnlyDictionary<(string, string), CellModel> Cells,
        IReadOnlyDictionary<(string, string), PublishedComparison>? Verdicts, IReadOnlyList<string> Unmarked)
    {
        /// <summary>The published cells' citations, numbered in the order the table shows them (row by row).</summary>
        public IReadOnlyList<string> Sources { get; } = Verdicts is null ? []
            : (from e in Estimators from c in Configs select PublishedResults.ElboCell(c, e)?.TrainElbo.Source)
                .OfType<string>().Where(x => x.Length > 0).Distinct().ToList();

        public bool Compared => Verdicts is not null;

        public CellModel? Cell(string config, string estimator) => Cells.GetValueOrDefault((config, estimator));

        public PublishedComparison? Verdict(string config, string estimator) => Verdicts?.GetValueOrDefault((config, estimator));

        public string VerdictText(string config, string estimator) => Verdict(config, estimator)?.Describe() ?? "—";

        /// <summary>The columns of a configuration, after its name: train, published train and vs published when compared, test.</summary>
        public IReadOnlyList<string> Headers => Compared ? ["train", "published train", "vs published", "test"] : ["train", "test"];

        /// <summary>A configuration's cells of an estimator's row, one per <see cref="Headers"/>, each with whether it is starred (★);
        /// with <paramref name="sources"/>, the published number followed by its source's number (<see cref="SourceMarker"/>).</summary>
        public IEnumerable<(string Text, bool Best)> Row(string config, string estimator, bool sources = true)
        {
            var cell = Cell(config, estimator);
            yield return (cell?.TrainText() ?? "—", cell?.TrainMark == Mark.Best);
            if (Compared)
            {
                yield return (PublishedText(config, estimator) + (sources ? SourceMarker(config, estimator) : ""), false);
                yield return (VerdictText(config, estimator), false);
            }
            yield return (cell?.TestText() ?? "—", cell?.TestMark == Mark.Best);
        }

        public string PublishedText(string config, string estimator)
        {
            var published = PublishedResults.ElboCell(config, estimator);
            if (published is null) return "—";
            var value = published.TrainElbo;
            var text = value.HasStandardError ? $"{CellModel.F(value.Mean)} ± {CellModel.F(value.StandardError)}" : $"{CellModel.F(value.Mean)} (s.e. not given)";
            return published.Note.Length == 0 ? text : $"{text} ({published.Note})";
        }

        /// <summary>The number of the published cell's source in <see cref="Sources"/>, as <c> [3]</c>; empty when there is none.</summary>
        public string SourceMarker(string config, string estimator)
        {
            var source = PublishedResults.ElboCell(config, estimator)?.TrainElbo.Source;
            int index = source is null ? -1 : Sources.ToList().IndexOf(source);
            return index < 0 ? "" : $" [{index + 1}]";
        }

        public string? MarksNote() => Unmarked.Count == 0 ? null
            : $"No {BestMark} or {NoiseMark} in " + string.Join("; ", Unmarked) + ".";
    }

    private static TableModel Model(DataFrame summary, ElboTableParameters? parameters = null, DataFrame? runs = null)
    {
        var missing = ColumnNames.Where(c => !summary.Columns.Select(x => x.Name).Contains(c)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The −ELBO table needs the summary columns {string.Join(", ", missing)} (from ElboTable.Summarise).", nameof(summary));
        var cells = new Dictionary<(string, string), CellModel>();
        var configs = new List<string>();
        var estimators = new List<string>();
        for (int i = 0; i < summary.Rows.Count; i++)
        {
            var c = (string)summary[Columns.Config][i];
            var e = (string)summary[Columns.Estimator][i];
            if (!configs.Contains(c)) configs.Add(c);
            if (!estimators.Contains(e)) estimators.Add(e);
            cells[(c, e)] = new CellModel((int)summary[Columns.Runs][i], (int)summary[Columns.DivergedRuns][i],
                (double)summary[Columns.MeanTrainElbo][i], (double)summary[Columns.SeTrainElbo][i],
                (double)summary[Columns.MeanTestElbo][i], (double)summary[Columns.SeTestElbo][i]);
        }
        var unmarked = new List<string>();
        var bySeed = runs is null ? null : new[] { SeedPairs.Of(runs, Columns.FinalTrainElbo), SeedPairs.Of(runs, Columns.FinalTestElbo) };
        foreach (var c in configs)
            foreach (bool train in new[] { true, false })
                if (MarkColumn(cells.Where(kv => kv.Key.Item1 == c).Select(kv => (kv.Key.Item2, kv.Value)).ToList(), train,
                        bySeed?[train ? 0 : 1] is { } values ? (row, lowest) => SeedPairs.Differ(Values(values, c, row), Values(values, c, lowest)) : null) is { } reason)
                    unmarked.Add($"{Times(c)} {(train ? "train" : "test")}: {reason}");
        var verdicts = parameters is null ? null : cells.ToDictionary(kv => kv.Key, kv => PublishedComparison.Compare(
            new OurMean(kv.Value.Train, kv.Value.TrainSe, kv.Value.Runs, kv.Value.Diverged),
            PublishedResults.ElboCell(kv.Key.Item1, kv.Key.Item2)?.TrainElbo,
            Comparability.OfElboTableCell(parameters, kv.Key.Item1, kv.Key.Item2)));
        return new TableModel(configs, estimators, cells, verdicts, Merge(unmarked));
    }

    /// <summary>
    /// Marks one column: its lowest mean is that of <see cref="ElboTable.Summarise"/>'s <c>best_train</c> / <c>best_test</c> (the
    /// lowest among the estimators none of whose runs diverged, or among all with a mean when each has a diverged run); ★ on it when
    /// every other cell with a mean differs significantly from it, else ≈ on it and on every cell that does not; nothing when a
    /// cell has no standard error (one finite run) or the column has a single cell with a mean. A cell differs from the lowest when
    /// <paramref name="differ"/> says so (the runs paired by seed, <see cref="SeedPairs"/>, as the reading decides), or, for a
    /// summary without its runs, when Welch's t separates the two means. Returns why nothing is marked, or null.
    /// </summary>
    private static string? MarkColumn(IReadOnlyList<(string Estimator, CellModel Cell)> column, bool train, Func<string, string, bool>? differ)
    {
        var candidates = column.Where(x => double.IsFinite(x.Cell.Estimate(train).Mean)).ToList();
        if (candidates.Count == 0) return null;
        var clean = candidates.Where(x => x.Cell.Diverged == 0).ToList();
        var (bestEstimator, best) = (clean.Count > 0 ? clean : candidates).MinBy(x => x.Cell.Estimate(train).Mean);
        if (candidates.Count == 1) return "a single estimator with a result, nothing to compare it with";
        var untested = candidates.Where(x => !x.Cell.Estimate(train).HasStandardError).Select(x => x.Estimator).ToList();
        if (untested.Count == candidates.Count) return "one run per cell, so no standard error";
        if (untested.Count > 0) return $"{string.Join(", ", untested)} {(untested.Count == 1 ? "has" : "have")} one finite run, so no standard error";
        var tied = candidates.Where(x => !ReferenceEquals(x.Cell, best) &&
            !(differ?.Invoke(x.Estimator, bestEstimator) ?? Differs(x.Cell.Estimate(train), best.Estimate(train)))).Select(x => x.Cell).ToList();
        void Set(CellModel cell, Mark mark)
        {
            if (train) cell.TrainMark = mark;
            else cell.TestMark = mark;
        }
        if (tied.Count == 0) Set(best, Mark.Best);
        else foreach (var cell in tied.Prepend(best)) Set(cell, Mark.WithinNoise);
        return null;
    }

    /// <summary>A row's values by seed in a configuration (none when it has no finished run there).</summary>
    private static IReadOnlyDictionary<long, double> Values(Dictionary<(string, string), Dictionary<long, double>> values, string config, string estimator) =>
        values.TryGetValue((config, estimator), out var bySeed) ? bySeed : new Dictionary<long, double>();

    /// <summary>Whether two means differ significantly (Welch's t, 95 %); two means without any spread differ when they are not equal.</summary>
    private static bool Differs(MeanEstimate a, MeanEstimate b) =>
        a.StandardError > 0 || b.StandardError > 0 ? WelchTest.Compare(a, b).IsSignificant : a.Mean != b.Mean;

    /// <summary>Columns with the same reason in one clause: <c>8×4 train, 8×4 test: one run per cell, so no standard error</c>.</summary>
    private static IReadOnlyList<string> Merge(IReadOnlyList<string> unmarked) =>
        unmarked.Select(u => (Column: u[..u.IndexOf(':', StringComparison.Ordinal)], Reason: u[(u.IndexOf(':', StringComparison.Ordinal) + 2)..]))
            .GroupBy(u => u.Reason).Select(g => $"{string.Join(", ", g.Select(u => u.Column))}: {g.Key}").ToList();
}
