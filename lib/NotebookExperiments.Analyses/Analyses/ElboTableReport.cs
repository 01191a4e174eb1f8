using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The −ELBO table as the papers print it — rows: estimators; columns: configurations, each with its train and test −ELBO;
/// cells: mean ± standard error over seeds, the best of each column marked, diverged runs counted — as a <see cref="DataFrame"/>
/// of text, as Markdown and as HTML, all from <see cref="ElboTable.Summarise"/>'s frame.
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

    /// <summary>The columns <see cref="Table"/> reads.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["config", "estimator", "runs", "diverged_runs", "mean_train_elbo", "se_train_elbo", "mean_test_elbo", "se_test_elbo", "best_train", "best_test"];

    /// <summary>
    /// The table: a text column <c>estimator</c>, then per configuration <c>&lt;config&gt; train</c> and <c>&lt;config&gt; test</c>
    /// (e.g. <c>8x4 train</c>), each cell as <c>98.31 ± 0.12</c> (<c>98.31 (1 run)</c> with one run), followed by ★ when it is the
    /// column's best and by <c>(2 of 10 diverged)</c> when runs diverged; <c>diverged (10 of 10)</c> when all did; <c>—</c> when the
    /// estimator was not run on that configuration.
    /// </summary>
    /// <exception cref="ArgumentException">A column of the summary is missing.</exception>
    public static DataFrame Table(DataFrame summary)
    {
        var model = Model(summary);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("estimator", model.Estimators) };
        foreach (var c in model.Configs)
        {
            columns.Add(new StringDataFrameColumn($"{c} train", model.Estimators.Select(e => model.Cell(c, e)?.TrainText() ?? "—")));
            columns.Add(new StringDataFrameColumn($"{c} test", model.Estimators.Select(e => model.Cell(c, e)?.TestText() ?? "—")));
        }
        return new DataFrame(columns);
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

    /// <summary>The table as Markdown (GitHub tables): a title line, the table with the best cells in bold, and the legend.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run (e.g. <see cref="ElboTableParameters.Describe"/>).</param>
    public static string ToMarkdown(DataFrame summary, string subtitle)
    {
        var model = Model(summary);
        var text = new StringBuilder();
        text.Append("### Final −ELBO per estimator and configuration\n\n").Append(subtitle).Append("\n\n");
        text.Append("| estimator |").AppendJoin("", model.Configs.Select(c => $" {Times(c)} train | {Times(c)} test |")).Append('\n');
        text.Append("|---|").AppendJoin("", model.Configs.Select(_ => "---:|---:|")).Append('\n');
        foreach (var e in model.Estimators)
        {
            text.Append("| ").Append(e.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            foreach (var c in model.Configs)
            {
                var cell = model.Cell(c, e);
                text.Append(' ').Append(cell is null ? "—" : Bold(cell.TrainText(), cell.BestTrain)).Append(" |");
                text.Append(' ').Append(cell is null ? "—" : Bold(cell.TestText(), cell.BestTest)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append('\n').Append(Legend).Append('\n');
        return text.ToString();
    }

    /// <summary>The table as an HTML fragment (a <c>&lt;table&gt;</c> with a caption, the configurations spanning their train and
    /// test columns, the best cells in bold, and the legend), self-contained for reports and notebooks.</summary>
    /// <param name="summary"><see cref="ElboTable.Summarise"/>'s frame.</param>
    /// <param name="subtitle">What was run.</param>
    public static string ToHtml(DataFrame summary, string subtitle)
    {
        var model = Model(summary);
        // Only the markup characters: WebUtility.HtmlEncode would also turn ± and ★ into character references.
        static string E(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
        const string cellStyle = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap";
        var html = new StringBuilder();
        html.Append("<div class=\"elbo-table\" style=\"font-family:sans-serif;font-size:13px\">");
        html.Append("<table style=\"border-collapse:collapse\"><caption style=\"text-align:left;padding-bottom:4px\"><b>Final −ELBO per estimator and configuration</b><br>")
            .Append(E(subtitle)).Append("</caption>");
        html.Append("<thead><tr><th rowspan=\"2\" style=\"text-align:left;padding:2px 8px\">estimator</th>");
        foreach (var c in model.Configs) html.Append("<th colspan=\"2\" style=\"padding:2px 8px;border-bottom:1px solid #999\">").Append(E(Times(c))).Append(" VAE</th>");
        html.Append("</tr><tr>");
        foreach (var _ in model.Configs) html.Append("<th style=\"padding:2px 8px\">train</th><th style=\"padding:2px 8px\">test</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var e in model.Estimators)
        {
            html.Append("<tr><td style=\"padding:2px 8px;border-bottom:1px solid #ddd;text-align:left\">").Append(E(e)).Append("</td>");
            foreach (var c in model.Configs)
            {
                var cell = model.Cell(c, e);
                foreach (var (text, best) in new[] { (cell?.TrainText() ?? "—", cell?.BestTrain ?? false), (cell?.TestText() ?? "—", cell?.BestTest ?? false) })
                    html.Append("<td style=\"").Append(cellStyle).Append("\">").Append(best ? $"<b>{E(text)}</b>" : E(text)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table><p style=\"max-width:900px;color:#444\">").Append(E(Legend)).Append("</p></div>");
        return html.ToString();
    }

    /// <summary>A standalone HTML page of the table (for the report folder).</summary>
    public static string ToHtmlPage(DataFrame summary, string subtitle) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>−ELBO table</title></head><body>\n" +
        ToHtml(summary, subtitle) + "\n</body></html>\n";

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

        private static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
    }

    private sealed record TableModel(IReadOnlyList<string> Configs, IReadOnlyList<string> Estimators, IReadOnlyDictionary<(string, string), CellModel> Cells)
    {
        public CellModel? Cell(string config, string estimator) => Cells.GetValueOrDefault((config, estimator));
    }

    private static TableModel Model(DataFrame summary)
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
        return new TableModel(configs, estimators, cells);
    }
}
