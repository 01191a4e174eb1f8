using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using NotebookExperiments.Published;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The −ELBO table as the papers print it — rows: estimators; columns: configurations, each with its train and test −ELBO;
/// cells: mean ± standard error over seeds, the best of each column marked, diverged runs counted — as a <see cref="DataFrame"/>
/// of text, as Markdown and as HTML, all from <see cref="ElboTable.Summarise"/>'s frame. Given the parameters that were run, each
/// train cell also stands beside its published number (<see cref="PublishedResults.ElboTable"/>) with a verdict
/// (<see cref="PublishedComparison"/>), decided per cell by <see cref="Comparability.OfElboTableCell"/>.
/// </summary>
public static class ElboTableReport
{
    /// <summary>The mark of the lowest mean of a column.</summary>
    public const string BestMark = "★";

    /// <summary>The note under the table: what the numbers and marks mean.</summary>
    public const string Legend =
        "−ELBO in nats (lower is better): mean ± standard error over seeds of the last epoch's train −ELBO and of the test −ELBO " +
        "after it; ★ marks the lowest mean of each column among the estimators with no diverged run; diverged runs are left out of " +
        "the mean and counted in the cell.";

    /// <summary>The note under a table compared with the published numbers: where they come from and how the verdict is decided.</summary>
    public const string ComparisonLegend =
        "Published: the final train −ELBO of " + PublishedResults.Source + ", mean ± standard error over 10 seeds unless noted, " +
        "160 epochs. Verdict: z = (ours − published) / √(s.e.ours² + s.e.published²); \"within 2 s.e.\" when |z| ≤ 2, otherwise " +
        "\"farther\". A cell is compared only when it was run at the published protocol — 160 epochs on all 60,000 images, batch 100, " +
        "at least 2 seeds, the row's published hyperparameters on that configuration (ST on 10×30: the published learning rate 7e-3) — " +
        "and has a standard error; otherwise it is \"not comparable\", with what differs. \"not published\": no published number " +
        "(ReinMax-CV, rows of your own). The published test −ELBO is not compared.";

    /// <summary>The columns <see cref="Table"/> reads.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["config", "estimator", "runs", "diverged_runs", "mean_train_elbo", "se_train_elbo", "mean_test_elbo", "se_test_elbo", "best_train", "best_test"];

    /// <summary>
    /// The table: a text column <c>estimator</c>, then per configuration <c>&lt;config&gt; train</c> and <c>&lt;config&gt; test</c>
    /// (e.g. <c>8x4 train</c>), each cell as <c>98.31 ± 0.12</c> (<c>98.31 (1 run)</c> with one run), followed by ★ when it is the
    /// column's best and by <c>(2 of 10 diverged)</c> when runs diverged; <c>diverged (10 of 10)</c> when all did; <c>—</c> when the
    /// estimator was not run on that configuration. With <paramref name="parameters"/>, each configuration also has
    /// <c>&lt;config&gt; published train</c> (the published mean ± s.e., with its caveats, or <c>—</c>) and <c>&lt;config&gt; vs published</c>
    /// (<see cref="PublishedComparison.Describe"/>: <c>within 2 s.e. (z = +0.84)</c>, <c>farther (z = +5.10)</c>,
    /// <c>not comparable: 3 epochs (published: 160); …</c>, <c>not published</c>) between its train and test columns.
    /// </summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="parameters">The parameters the summary was run with, to set each cell beside the published one; null for the
    /// table alone.</param>
    /// <exception cref="ArgumentException">A column of the summary is missing.</exception>
    public static DataFrame Table(DataFrame summary, ElboTableParameters? parameters = null)
    {
        var model = Model(summary, parameters);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("estimator", model.Estimators) };
        foreach (var c in model.Configs)
        {
            columns.Add(new StringDataFrameColumn($"{c} train", model.Estimators.Select(e => model.Cell(c, e)?.TrainText() ?? "—")));
            if (model.Compared)
            {
                columns.Add(new StringDataFrameColumn($"{c} published train", model.Estimators.Select(e => model.PublishedText(c, e))));
                columns.Add(new StringDataFrameColumn($"{c} vs published", model.Estimators.Select(e => model.VerdictText(c, e))));
            }
            columns.Add(new StringDataFrameColumn($"{c} test", model.Estimators.Select(e => model.Cell(c, e)?.TestText() ?? "—")));
        }
        return new DataFrame(columns);
    }

    /// <summary>
    /// Each cell of <paramref name="summary"/> beside its published number, one row per (configuration, estimator): <c>config</c>,
    /// <c>estimator</c>, <c>runs</c>, <c>mean_train_elbo</c>, <c>se_train_elbo</c> (ours), <c>published_mean</c>, <c>published_se</c>,
    /// <c>published_seeds</c> (NaN and 0 when none is published), <c>z</c> (NaN unless compared), <c>verdict</c>
    /// (<see cref="PublishedComparison.Label"/>) and <c>detail</c> (<see cref="PublishedComparison.Describe"/>).
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
        return new DataFrame(
            new StringDataFrameColumn("config", keys.Select(k => k.Config)),
            new StringDataFrameColumn("estimator", keys.Select(k => k.Estimator)),
            new Int32DataFrameColumn("runs", keys.Select(k => model.Cell(k.Config, k.Estimator)!.Runs)),
            new DoubleDataFrameColumn("mean_train_elbo", keys.Select(k => model.Cell(k.Config, k.Estimator)!.Train)),
            new DoubleDataFrameColumn("se_train_elbo", keys.Select(k => model.Cell(k.Config, k.Estimator)!.TrainSe)),
            new DoubleDataFrameColumn("published_mean", published.Select(p => p?.Mean ?? double.NaN)),
            new DoubleDataFrameColumn("published_se", published.Select(p => p?.StandardError ?? double.NaN)),
            new Int32DataFrameColumn("published_seeds", published.Select(p => p?.Seeds ?? 0)),
            new DoubleDataFrameColumn("z", verdicts.Select(v => v.Z)),
            new StringDataFrameColumn("verdict", verdicts.Select(v => PublishedComparison.Label(v.Verdict))),
            new StringDataFrameColumn("detail", verdicts.Select(v => v.Describe())));
    }

    /// <summary>
    /// The hyperparameters the runs use: a text column <c>estimator</c>, then one column per configuration with the row's spec,
    /// optimiser and learning rate there, e.g. <c>st:tau=1.3, Adam 0.001</c>.
    /// </summary>
    public static DataFrame Hyperparameters(ElboTableParameters parameters)
    {
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("estimator", parameters.Rows.Select(r => r.Estimator)) };
        foreach (var c in parameters.Configurations)
            columns.Add(new StringDataFrameColumn(c, parameters.Rows.Select(r => r.On(c)).Select(s =>
                $"{s.Spec}, {s.Optimizer} {s.LearningRate.ToString("R", CultureInfo.InvariantCulture)}")));
        return new DataFrame(columns);
    }

    /// <summary>The table as Markdown (GitHub tables): a title line, the table with the best cells in bold, and the legend; with
    /// <paramref name="parameters"/>, each train column followed by the published number and the verdict, and the comparison's legend.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run (e.g. <see cref="ElboTableParameters.Describe"/>).</param>
    /// <param name="parameters">The parameters the summary was run with, to compare with the published numbers; null for none.</param>
    public static string ToMarkdown(DataFrame summary, string subtitle, ElboTableParameters? parameters = null)
    {
        var model = Model(summary, parameters);
        static string M(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        var text = new StringBuilder();
        text.Append("### Final −ELBO per estimator and configuration\n\n").Append(subtitle).Append("\n\n");
        text.Append("| estimator |").AppendJoin("", model.Configs.Select(c => model.Compared
            ? $" {Times(c)} train | {Times(c)} published train | {Times(c)} vs published | {Times(c)} test |"
            : $" {Times(c)} train | {Times(c)} test |")).Append('\n');
        text.Append("|---|").AppendJoin("", model.Configs.Select(_ => model.Compared ? "---:|---:|---|---:|" : "---:|---:|")).Append('\n');
        foreach (var e in model.Estimators)
        {
            text.Append("| ").Append(M(e)).Append(" |");
            foreach (var c in model.Configs)
            {
                var cell = model.Cell(c, e);
                text.Append(' ').Append(cell is null ? "—" : Bold(cell.TrainText(), cell.BestTrain)).Append(" |");
                if (model.Compared) text.Append(' ').Append(M(model.PublishedText(c, e))).Append(" | ").Append(M(model.VerdictText(c, e))).Append(" |");
                text.Append(' ').Append(cell is null ? "—" : Bold(cell.TestText(), cell.BestTest)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append('\n').Append(Legend).Append('\n');
        if (model.Compared) text.Append('\n').Append(ComparisonLegend).Append('\n');
        return text.ToString();
    }

    /// <summary>The table as an HTML fragment (a <c>&lt;table&gt;</c> with a caption, the configurations spanning their train and
    /// test columns, the best cells in bold, and the legend), self-contained for reports and notebooks; with
    /// <paramref name="parameters"/>, each train column followed by the published number and the verdict, and the comparison's legend.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run.</param>
    /// <param name="parameters">The parameters the summary was run with, to compare with the published numbers; null for none.</param>
    public static string ToHtml(DataFrame summary, string subtitle, ElboTableParameters? parameters = null)
    {
        var model = Model(summary, parameters);
        // Only the markup characters: WebUtility.HtmlEncode would also turn ± and ★ into character references.
        static string E(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
        const string cellStyle = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap";
        var html = new StringBuilder();
        html.Append("<div class=\"elbo-table\" style=\"font-family:sans-serif;font-size:13px\">");
        html.Append("<table style=\"border-collapse:collapse\"><caption style=\"text-align:left;padding-bottom:4px\"><b>Final −ELBO per estimator and configuration</b><br>")
            .Append(E(subtitle)).Append("</caption>");
        html.Append("<thead><tr><th rowspan=\"2\" style=\"text-align:left;padding:2px 8px\">estimator</th>");
        foreach (var c in model.Configs)
            html.Append("<th colspan=\"").Append(model.Compared ? 4 : 2).Append("\" style=\"padding:2px 8px;border-bottom:1px solid #999\">").Append(E(Times(c))).Append(" VAE</th>");
        html.Append("</tr><tr>");
        foreach (var _ in model.Configs)
            html.Append(model.Compared
                ? "<th style=\"padding:2px 8px\">train</th><th style=\"padding:2px 8px\">published train</th><th style=\"padding:2px 8px\">vs published</th><th style=\"padding:2px 8px\">test</th>"
                : "<th style=\"padding:2px 8px\">train</th><th style=\"padding:2px 8px\">test</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var e in model.Estimators)
        {
            html.Append("<tr><td style=\"padding:2px 8px;border-bottom:1px solid #ddd;text-align:left\">").Append(E(e)).Append("</td>");
            foreach (var c in model.Configs)
            {
                var cell = model.Cell(c, e);
                var cells = new List<(string Text, bool Best)> { (cell?.TrainText() ?? "—", cell?.BestTrain ?? false) };
                if (model.Compared) cells.AddRange([(model.PublishedText(c, e), false), (model.VerdictText(c, e), false)]);
                cells.Add((cell?.TestText() ?? "—", cell?.BestTest ?? false));
                foreach (var (text, best) in cells)
                    html.Append("<td style=\"").Append(cellStyle).Append("\">").Append(best ? $"<b>{E(text)}</b>" : E(text)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table><p style=\"max-width:900px;color:#444\">").Append(E(Legend)).Append("</p>");
        if (model.Compared) html.Append("<p style=\"max-width:900px;color:#444\">").Append(E(ComparisonLegend)).Append("</p>");
        html.Append("</div>");
        return html.ToString();
    }

    /// <summary>A standalone HTML page of the table (for the report folder); with <paramref name="parameters"/>, compared with the
    /// published numbers as in <see cref="ToHtml"/>.</summary>
    public static string ToHtmlPage(DataFrame summary, string subtitle, ElboTableParameters? parameters = null) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>−ELBO table</title></head><body>\n" +
        ToHtml(summary, subtitle, parameters) + "\n</body></html>\n";

    private static string Bold(string text, bool bold) => bold ? $"**{text}**" : text;

    private static string Times(string config) => config.Replace('x', '×');

    private sealed record CellModel(int Runs, int Diverged, double Train, double TrainSe, double Test, double TestSe, bool BestTrain, bool BestTest)
    {
        public string TrainText() => Text(Train, TrainSe, BestTrain);

        public string TestText() => Text(Test, TestSe, BestTest);

        private string Text(double mean, double se, bool best)
        {
            int total = Runs + Diverged;
            if (!double.IsFinite(mean)) return Diverged > 0 ? $"diverged ({Diverged} of {total})" : "—";
            var text = Runs == 1 ? $"{F(mean)} (1 run)" : $"{F(mean)} ± {F(se)}";
            if (best) text += " " + BestMark;
            if (Diverged > 0) text += $" ({Diverged} of {total} diverged)";
            return text;
        }

        public static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
    }

    private sealed record TableModel(IReadOnlyList<string> Configs, IReadOnlyList<string> Estimators, IReadOnlyDictionary<(string, string), CellModel> Cells,
        IReadOnlyDictionary<(string, string), PublishedComparison>? Verdicts)
    {
        public bool Compared => Verdicts is not null;

        public CellModel? Cell(string config, string estimator) => Cells.GetValueOrDefault((config, estimator));

        public PublishedComparison? Verdict(string config, string estimator) => Verdicts?.GetValueOrDefault((config, estimator));

        public string VerdictText(string config, string estimator) => Verdict(config, estimator)?.Describe() ?? "—";

        public string PublishedText(string config, string estimator)
        {
            var published = PublishedResults.ElboCell(config, estimator);
            if (published is null) return "—";
            var value = published.TrainElbo;
            var text = value.HasStandardError ? $"{CellModel.F(value.Mean)} ± {CellModel.F(value.StandardError)}" : $"{CellModel.F(value.Mean)} (s.e. not given)";
            return published.Note.Length == 0 ? text : $"{text} ({published.Note})";
        }
    }

    private static TableModel Model(DataFrame summary, ElboTableParameters? parameters = null)
    {
        var missing = Columns.Where(c => !summary.Columns.Select(x => x.Name).Contains(c)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"The −ELBO table needs the summary columns {string.Join(", ", missing)} (from ElboTable.Summarise).", nameof(summary));
        var cells = new Dictionary<(string, string), CellModel>();
        var configs = new List<string>();
        var estimators = new List<string>();
        for (int i = 0; i < summary.Rows.Count; i++)
        {
            var c = (string)summary["config"][i];
            var e = (string)summary["estimator"][i];
            if (!configs.Contains(c)) configs.Add(c);
            if (!estimators.Contains(e)) estimators.Add(e);
            cells[(c, e)] = new CellModel((int)summary["runs"][i], (int)summary["diverged_runs"][i],
                (double)summary["mean_train_elbo"][i], (double)summary["se_train_elbo"][i],
                (double)summary["mean_test_elbo"][i], (double)summary["se_test_elbo"][i],
                (bool)summary["best_train"][i], (bool)summary["best_test"][i]);
        }
        var verdicts = parameters is null ? null : cells.ToDictionary(kv => kv.Key, kv => PublishedComparison.Compare(
            kv.Value.Train, kv.Value.TrainSe, PublishedResults.ElboCell(kv.Key.Item1, kv.Key.Item2)?.TrainElbo,
            Comparability.OfElboTableCell(parameters, kv.Key.Item1, kv.Key.Item2)));
        return new TableModel(configs, estimators, cells, verdicts);
    }
}
