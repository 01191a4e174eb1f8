using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Statistics;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What a −ELBO table (<see cref="ElboTable"/>) shows, computed from its runs: per configuration, the range of the mean final
/// train −ELBO, the lowest row and which rows the seeds separate from it; and whether the budget ranks the estimators at all.
/// </summary>
/// <remarks>
/// Runs of one seed share the initialisation and the data order, so a row is compared with the lowest by their differences
/// paired by seed, with a two-sided 95 % Student-t interval on n − 1 degrees of freedom (<see cref="SeedPairs"/>): the test and
/// the lowest row (among those none of whose runs diverged) of the table's marks, so the two never disagree. With two seeds that
/// is one degree of freedom, whose 97.5 % point is 12.7, so only very large differences are resolved. Diverged runs are left out
/// and counted. One seed gives no standard error and no row is separated.
/// </remarks>
public static class ElboTableReading
{
    /// <summary>The reading of <paramref name="result"/>; with <paramref name="parameters"/>, the budget is named and a run that is not
    /// the paper's protocol says so.</summary>
    public static Reading Of(ElboTableResult result, ElboTableParameters? parameters = null) => Of(result.Runs, parameters);

    /// <summary>The reading of a table's runs (<see cref="ElboTableResult.Runs"/>: <c>config</c>, <c>estimator</c>, <c>seed</c>,
    /// <c>final_train_elbo</c>, <c>diverged</c>).</summary>
    public static Reading Of(DataFrame runs, ElboTableParameters? parameters = null)
    {
        var rows = Enumerable.Range(0, (int)runs.Rows.Count).Select(i => (
            Config: (string)runs[Columns.Config][i], Estimator: (string)runs[Columns.Estimator][i], Seed: Convert.ToInt64(runs[Columns.Seed][i], CultureInfo.InvariantCulture),
            Loss: Convert.ToDouble(runs[Columns.FinalTrainElbo][i] ?? double.NaN, CultureInfo.InvariantCulture), Diverged: (bool)runs[Columns.Diverged][i])).ToList();
        if (rows.Count == 0) return new Reading(["No runs: nothing to read."]);
        int seeds = rows.Select(r => r.Seed).Distinct().Count();
        var sentences = new List<string>
        {
            seeds < 2
                ? "One seed: no standard error, so no row is separated from another."
                : $"{Count(seeds, "seed")}; rows are compared by their final train −ELBO paired by seed (shared initialisation and data order), 95 % Student-t interval on {Count(seeds - 1, "degree")} of freedom.",
        };
        bool anySeparated = false;
        var bySeed = SeedPairs.Of(runs, Columns.FinalTrainElbo);
        foreach (var config in rows.Select(r => r.Config).Distinct())
        {
            var here = rows.Where(r => r.Config == config).ToList();
            var finite = here.Where(r => !r.Diverged && double.IsFinite(r.Loss)).ToList();
            int diverged = here.Count - finite.Count;
            var means = finite.GroupBy(r => r.Estimator).Select(g => (Estimator: g.Key, Mean: g.Average(r => r.Loss),
                Clean: here.All(r => r.Estimator != g.Key || !r.Diverged && double.IsFinite(r.Loss)))).OrderBy(m => m.Mean).ToList();
            if (means.Count == 0)
            {
                sentences.Add($"{config}: every run diverged.");
                continue;
            }
            // The lowest as the table marks it: among the rows none of whose runs diverged, or among all when each has a diverged run.
            var best = means.Any(m => m.Clean) ? means.First(m => m.Clean) : means[0];
            var separated = means.Where(m => m.Estimator != best.Estimator && SeedPairs.Differ(bySeed[(config, m.Estimator)], bySeed[(config, best.Estimator)]))
                .Select(m => m.Estimator).ToList();
            anySeparated |= separated.Count > 0;
            string worst = means.Count > 1 ? $" to {F(means[^1].Mean, "0.0")} ({means[^1].Estimator}), a spread of {F(means[^1].Mean - means[0].Mean, "0.0")} nats" : "";
            string lowest = best.Estimator == means[0].Estimator ? "the lowest" : "the lowest with no diverged run";
            string verdict = means.Count == 1 ? "" : separated.Count == 0
                ? $"; no row is separated from {lowest}, {best.Estimator}"
                : $"; {lowest}, {best.Estimator}, is separated from {separated.Count} of the {means.Count - 1} others ({string.Join(", ", separated)})";
            sentences.Add($"{config}: mean final train −ELBO from {F(means[0].Mean, "0.0")} ({means[0].Estimator}){worst}{verdict}" +
                (diverged > 0 ? $"; {Count(diverged, "diverged run")} left out" : "") + ".");
        }
        bool paper = parameters?.IsPaperProtocol() ?? false;
        string budget = parameters is null ? "" : $" ({Count(parameters.Epochs, "epoch")} on {Images(parameters.TrainSize)} images)";
        if (!anySeparated)
            sentences.Add($"This budget{budget} separates no estimator from the best of its configuration: too short to rank estimators" + (paper ? "." : "; run `--preset paper`."));
        else if (parameters is not null && !paper)
            sentences.Add($"Not the paper's protocol{budget}: an order seen at this budget need not be the paper's; run `--preset paper`.");
        return new Reading(sentences);
    }
}
