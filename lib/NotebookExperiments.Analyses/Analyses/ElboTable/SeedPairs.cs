using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Statistics;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The final −ELBOs of a −ELBO table's runs by seed, and the one test that decides whether a row is separated from the lowest of
/// its column, for the table's marks (<see cref="ElboTableReport"/>) and its reading (<see cref="ElboTableReading"/>) alike. Runs of
/// one seed share the initialisation and the data order, so two rows are compared by their differences paired by seed: a
/// two-sided 95 % Student-t interval on n − 1 degrees of freedom (<see cref="PairedDifference"/>), over the n seeds where both
/// rows have a finished run.
/// </summary>
internal static class SeedPairs
{
    /// <summary>Per (configuration, estimator), seed → <paramref name="column"/> (<see cref="Columns.FinalTrainElbo"/> or
    /// <see cref="Columns.FinalTestElbo"/>) of the runs that did not diverge and whose value is finite.</summary>
    /// <param name="runs">Runs with <c>config</c>, <c>estimator</c>, <c>seed</c>, <c>diverged</c> and <paramref name="column"/>.</param>
    /// <param name="column">The −ELBO compared.</param>
    public static Dictionary<(string Config, string Estimator), Dictionary<long, double>> Of(DataFrame runs, string column)
    {
        var values = new Dictionary<(string, string), Dictionary<long, double>>();
        for (int i = 0; i < runs.Rows.Count; i++)
        {
            double value = Convert.ToDouble(runs[column][i] ?? double.NaN, CultureInfo.InvariantCulture);
            if ((bool)runs[Columns.Diverged][i] || !double.IsFinite(value)) continue;
            var key = ((string)runs[Columns.Config][i], (string)runs[Columns.Estimator][i]);
            if (!values.TryGetValue(key, out var bySeed)) values[key] = bySeed = [];
            bySeed[Convert.ToInt64(runs[Columns.Seed][i], CultureInfo.InvariantCulture)] = value;
        }
        return values;
    }

    /// <summary>Whether <paramref name="row"/> differs from <paramref name="lowest"/> at the 95 % level: the interval of their
    /// differences paired by seed excludes zero (a row with a diverged run may lie below the lowest of the rows with none). False
    /// with fewer than two seeds in common.</summary>
    public static bool Differ(IReadOnlyDictionary<long, double> row, IReadOnlyDictionary<long, double> lowest)
    {
        var difference = PairedDifference.Of(row.Where(r => lowest.ContainsKey(r.Key)).Select(r => (r.Value, lowest[r.Key])));
        return difference.Positive || difference.Negative;
    }
}
