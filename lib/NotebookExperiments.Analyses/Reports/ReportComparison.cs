using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Published;

namespace NotebookExperiments.Reports;

/// <summary>
/// An analysis's <c>comparison.csv</c> as the report shows it, one row per result: what it is (configuration, estimator, β or
/// checkpoint), ours (mean ± s.e., the runs it is over, those left out), the published number (mean ± s.e. over its seeds), the
/// verdict with its test, and the published number's source. Reasons shared by every row that is not comparable are said once,
/// above the table (<see cref="CommonReasons"/>), and such rows read <c>not comparable</c>.
/// </summary>
/// <param name="Header">The column titles.</param>
/// <param name="Rows">The cells, as text.</param>
/// <param name="CommonReasons">Why every row that is not comparable is not, when they share their reasons (and there are two or more); else null.</param>
internal sealed record ReportComparison(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? CommonReasons)
{
    /// <summary>How the verdicts are decided, under the table.</summary>
    public const string Legend = "Verdict: " + PublishedComparison.TestDescription + ". Sources: the authors' result files in " +
        PublishedResults.RepositoryCitation + " (" + PublishedResults.RepositoryUrl + ").";

    /// <summary>The comparison of <paramref name="frame"/> (a frame with the columns of <see cref="ComparisonColumns"/>).</summary>
    public static ReportComparison Of(DataFrame frame)
    {
        var names = frame.Columns.Select(c => c.Name).ToList();
        int count = names.FindIndex(n => n is "runs" or "seeds");
        if (count < 0) throw new ArgumentException("A comparison frame names how many runs or seeds each mean is over (runs, seeds).", nameof(frame));
        var keys = names.Take(count).Where(n => !(n == "estimator" && names.Contains("title"))).ToList();
        string unit = names[count] == "runs" ? "run" : "seed";
        string? leftOut = names.FirstOrDefault(n => n is Columns.DivergedRuns or Columns.LeftOutSeeds);
        string mean = names.Skip(count).First(n => n != Columns.PublishedMean && (n.StartsWith("mean_", StringComparison.Ordinal) || n.EndsWith("_mean", StringComparison.Ordinal)));
        string se = names.Skip(count).First(n => n != Columns.PublishedSe && (n.StartsWith("se_", StringComparison.Ordinal) || n.EndsWith("_se", StringComparison.Ordinal)));

        var details = Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string)frame[Columns.Detail][i]).ToList();
        var verdicts = Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (string)frame[Columns.Verdict][i]).ToList();
        const string notComparable = "not comparable";
        var shared = details.Where((d, i) => verdicts[i] == notComparable).Distinct().ToList();
        string? common = shared.Count == 1 && verdicts.Count(v => v == notComparable) >= 2 ? shared[0][(notComparable.Length + 2)..] : null;

        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < frame.Rows.Count; i++)
        {
            var row = keys.Select(k => Text(frame[k][i])).ToList();
            int n = Convert.ToInt32(frame[names[count]][i], CultureInfo.InvariantCulture);
            int dropped = leftOut is null ? 0 : Convert.ToInt32(frame[leftOut][i], CultureInfo.InvariantCulture);
            double m = (double)frame[mean][i], e = (double)frame[se][i];
            row.Add(!double.IsFinite(m) ? "—"
                : (double.IsFinite(e) ? $"{Number(m)} ± {Number(e)}" : Number(m)) + $" ({Units(n, unit)}{(dropped > 0 ? $", {dropped} left out" : "")})");
            double pm = (double)frame[Columns.PublishedMean][i], pe = (double)frame[Columns.PublishedSe][i];
            int ps = (int)frame[Columns.PublishedSeeds][i];
            row.Add(!double.IsFinite(pm) ? "—" : double.IsFinite(pe) ? $"{Number(pm)} ± {Number(pe)} ({Units(ps, "seed")})" : $"{Number(pm)} ({Units(ps, "seed")}; s.e. not given)");
            row.Add(common is not null && verdicts[i] == notComparable ? notComparable : details[i]);
            row.Add((string)frame[Columns.Source][i] is { Length: > 0 } source ? source : "—");
            rows.Add(row);
        }
        return new ReportComparison([.. keys, "ours", "published", "verdict", "source"], rows, common);
    }

    private static string Text(object? value) => value switch
    {
        null => "—",
        double d => Number(d),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Number(double x) => x.ToString("G5", CultureInfo.InvariantCulture);

    private static string Units(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
