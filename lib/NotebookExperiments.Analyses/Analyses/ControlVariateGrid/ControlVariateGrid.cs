using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Statistics;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The grid over which the Beyond ReinMax authors searched ReinMax-CV's hyperparameters (their code; docs/estimators.md, C.2):
/// η ∈ {0.1, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0} × τ₂ ∈ {0.1, 0.3, 0.5, 0.7, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5}, here crossed with the
/// three control variates of <see cref="ReinMaxCv"/> (<c>cv=conditional</c>, ours; <c>cv=forward</c> and <c>cv=code</c>, the
/// authors'), so that the gradient statistics of every cell can be set beside those of ReinMax at τ = 1, the estimate the control
/// variate is added to (<see cref="BiasVarianceParameters.WithControlVariateGrid"/>, <see cref="ControlVariateGridFigure"/>). The
/// analysis runs the bias/variance study's jobs on its first seed's model at one checkpoint with ReinMax and the grid's cells
/// (<see cref="ControlVariateGridParameters.GridStudy"/>), so its units are keyed as the study's; it writes <c>statistics.csv</c>,
/// <c>summary.csv</c> and <c>figure.html</c>.
/// </summary>
/// <remarks>
/// ReinMax-CV is ∂θ = g_RM + η c with g_RM ReinMax's estimate at τ = 1 (a function of the sample D alone) and c the control
/// variate (A.11). By the law of total covariance, Var(g_RM + η c) = Var(g_RM + η m(D)) + η² E[Var(c | D)] with m(D) = E[c | D].
/// Ours has m(D) = 0, so Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)] ≥ Var(g_RM) in every cell (B.15): the map can only show
/// it above ReinMax. The authors' control variates have m(D) ≠ 0 (B.16); they can lower the first term, at the price of an
/// expectation that moves away from ReinMax's, which the cosine with the exact gradient shows. A side view of the bias/variance
/// study: run by its own command (or <c>reproduce control-variate-grid</c>), not by <c>reproduce</c> without an analysis named.
/// </remarks>
public sealed class ControlVariateGrid() : Analysis<ControlVariateGridParameters, ControlVariateGridResult>("control-variate-grid",
    "ReinMax-CV's gradient statistics over the authors' η × τ₂ grid against ReinMax (τ = 1), per control variate (Beyond ReinMax); a side view of bias-variance.")
{
    private static readonly BiasVarianceStudy Study = new();

    /// <inheritdoc />
    protected override ControlVariateGridParameters Canonical(ControlVariateGridParameters parameters) =>
        parameters with { Study = Study.Normalise(parameters.Study) };

    /// <inheritdoc />
    public override IReadOnlyList<AnalysisJob> Jobs(ControlVariateGridParameters parameters, long trainImages) =>
        Study.Jobs(Study.Normalise(parameters.GridStudy()), trainImages);

    /// <inheritdoc />
    protected internal override ControlVariateGridResult Collect(ControlVariateGridParameters parameters, ResultStore store, long trainImages)
    {
        var statistics = Study.Collect(Study.Normalise(parameters.GridStudy()), store, trainImages).Statistics;
        var names = statistics.Columns.Select(c => c.Name).ToHashSet();
        var specs = names.Contains(Columns.Estimator) ? Enumerable.Range(0, (int)statistics.Rows.Count).Select(i => (string)statistics[Columns.Estimator][i]).ToList() : [];
        bool complete = specs.Any(s => Published.Comparability.Canonical(s) == EstimatorCatalog.Default.Create(Reference).Spec) &&
                        specs.Any(s => EstimatorCatalog.Default.Create(s) is ReinMaxCv);
        return new ControlVariateGridResult(statistics, complete ? Summarise(statistics) : new DataFrame());
    }

    /// <inheritdoc />
    protected internal override IEnumerable<ResultFile> Files(ControlVariateGridParameters parameters, ControlVariateGridResult result) =>
        result.Summary.Rows.Count == 0
            ? [ResultFile.Csv("statistics.csv", result.Statistics)]
            :
            [
                ResultFile.Csv("statistics.csv", result.Statistics),
                ResultFile.Csv("summary.csv", result.Summary),
                ResultFile.Figure("figure.html", ControlVariateGridFigure.Create(result.Statistics, parameters.GridStudy().Describe())),
            ];

    /// <inheritdoc />
    protected internal override IEnumerable<ResultTable> Tables(ControlVariateGridParameters parameters, ControlVariateGridResult result) =>
        [new ResultTable($"ReinMax-CV against ReinMax (τ = 1) ({parameters.Describe()})", result.Summary)];

    /// <inheritdoc />
    /// <remarks>The map's reading (<see cref="ControlVariateGridReading"/>).</remarks>
    protected internal override IEnumerable<string> Notes(ControlVariateGridParameters parameters, ControlVariateGridResult result, AnalysisEnvironment environment) =>
        ControlVariateGridReading.Of(result.Summary).Sentences;

    /// <summary>The Gumbel-Rao samples K of every cell: 100, as in the authors' code.</summary>
    public const int DefaultK = 100;

    /// <summary>The reference every cell is compared with: ReinMax at τ = 1, ReinMax-CV at η = 0.</summary>
    public const string Reference = "reinmax:tau=1";

    /// <summary>The authors' η: 0.1, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0.</summary>
    public static IReadOnlyList<double> Etas { get; } = [0.1, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0];

    /// <summary>The authors' τ₂: 0.1, 0.3, 0.5, 0.7, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5.</summary>
    public static IReadOnlyList<double> Tau2s { get; } = [0.1, 0.3, 0.5, 0.7, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5];

    /// <summary>
    /// The canonical ReinMax-CV specs of every (variant, η, τ₂), variant first, then η, then τ₂ (e.g.
    /// <c>reinmax-cv:eta=0.3,k=100,tau2=0.5</c> for ours and <c>reinmax-cv:cv=forward,eta=0.3,k=100,tau2=0.5</c>).
    /// </summary>
    /// <param name="etas">The weights η (finite).</param>
    /// <param name="tau2s">The temperatures τ₂ (positive).</param>
    /// <param name="variants">Names of <see cref="ReinMaxCv.ControlVariateNames"/>.</param>
    /// <param name="k">The Gumbel-Rao samples K (at least 1).</param>
    /// <exception cref="EstimatorSpecException">A value out of range or an unknown variant.</exception>
    /// <exception cref="ArgumentException">An empty list.</exception>
    public static IReadOnlyList<string> Specs(IEnumerable<double> etas, IEnumerable<double> tau2s, IEnumerable<string> variants, int k = DefaultK)
    {
        var (e, t, v) = (etas.Distinct().ToList(), tau2s.Distinct().ToList(), variants.Distinct().ToList());
        if (e.Count == 0 || t.Count == 0 || v.Count == 0) throw new ArgumentException("The grid needs at least one η, one τ₂ and one control variate.");
        return (from variant in v
                from eta in e
                from tau2 in t
                select EstimatorCatalog.Default.Create(string.Create(CultureInfo.InvariantCulture,
                    $"reinmax-cv:cv={variant},eta={eta:R},tau2={tau2:R},k={k}")).Spec).ToList();
    }

    /// <summary>The columns <see cref="Summarise"/> reads; <c>epoch</c> and <c>seed</c> are optional.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = [Columns.Estimator, Columns.Cosine, Columns.RelativeStd];

    /// <summary>
    /// One row per ReinMax-CV cell (variant, η, τ₂) of a bias/variance statistics frame (<see cref="BiasVarianceResult.Statistics"/>,
    /// or any frame with its columns) at one checkpoint, set beside ReinMax (τ = 1), the <see cref="Reference"/> of the same frame:
    /// <c>epoch</c>, <c>variant</c>, <c>eta</c>, <c>tau2</c>, <c>k</c>, <c>spec</c>, <c>seeds</c>, <c>cosine</c> and
    /// <c>relative_std</c> (means over the seeds where each is finite), <c>nonfinite_seeds</c> (seeds left out of either mean,
    /// counted), <c>reference_cosine</c>, <c>reference_relative_std</c> (ReinMax's, the same way), <c>cosine_difference</c> = cosine −
    /// ReinMax's (above 0: closer to the exact gradient) and <c>relative_std_ratio</c> = relative std ÷ ReinMax's (below 1: less
    /// spread). Rows in the order variant (conditional, forward, code), η, τ₂; other estimators are ignored.
    /// </summary>
    /// <param name="statistics">Rows of <c>estimator</c> (spec), <c>cosine</c>, <c>relative_std</c>, optionally <c>epoch</c> and
    /// <c>seed</c>.</param>
    /// <param name="epoch">The checkpoint; null for the last in the frame (a frame without <c>epoch</c> is one checkpoint).</param>
    /// <exception cref="ArgumentException">A column is missing, the checkpoint is not in the frame, it has no ReinMax (τ = 1) row
    /// or no ReinMax-CV row, or two specs of one cell differ in K.</exception>
    public static DataFrame Summarise(DataFrame statistics, int? epoch = null)
    {
        var columns = new FrameColumns(statistics, "The control-variate grid", nameof(statistics), [.. ColumnNames]);
        var spec = columns.Strings(Columns.Estimator);
        var cosine = columns.Doubles(Columns.Cosine);
        var relativeStd = columns.Doubles(Columns.RelativeStd);
        var epochs = columns.Has(Columns.Epoch) ? columns.Integers(Columns.Epoch) : new long[columns.RowCount];
        long chosen = epoch ?? (epochs.Length == 0 ? 0 : epochs.Max());
        var rows = Enumerable.Range(0, columns.RowCount).Where(i => epochs[i] == chosen).ToList();
        if (rows.Count == 0) throw new ArgumentException($"The statistics have no rows at epoch {chosen}.", nameof(epoch));

        var catalog = EstimatorCatalog.Default;
        var reference = catalog.Create(Reference).Spec;
        var referenceRows = rows.Where(i => Canonical(spec[i]) == reference).ToList();
        if (referenceRows.Count == 0)
            throw new ArgumentException($"The statistics have no row of the reference {Reference} at epoch {chosen}; add it to the estimators.", nameof(statistics));
        var (referenceCosine, referenceStd) = (Finite(referenceRows, cosine), Finite(referenceRows, relativeStd));

        var cells = rows.Select(i => (Row: i, Estimator: catalog.Create(spec[i]) as ReinMaxCv)).Where(r => r.Estimator is not null)
            .GroupBy(r => (Variant: r.Estimator!.ControlVariate, r.Estimator.Eta, r.Estimator.Tau2))
            .OrderBy(g => g.Key.Variant).ThenBy(g => g.Key.Eta).ThenBy(g => g.Key.Tau2).ToList();
        if (cells.Count == 0) throw new ArgumentException($"The statistics have no ReinMax-CV row at epoch {chosen}.", nameof(statistics));
        var summaries = cells.Select(g =>
        {
            var ks = g.Select(r => r.Estimator!.K).Distinct().ToList();
            if (ks.Count > 1) throw new ArgumentException($"ReinMax-CV ({g.Key}) appears with several K ({string.Join(", ", ks)}); keep one.", nameof(statistics));
            var cellRows = g.Select(r => r.Row).ToList();
            var (c, v) = (Finite(cellRows, cosine), Finite(cellRows, relativeStd));
            return (Key: g.Key, K: ks[0], Spec: g.First().Estimator!.Spec, Seeds: cellRows.Count, Cosine: c, RelativeStd: v,
                NonFinite: cellRows.Count(i => !double.IsFinite(cosine[i]) || !double.IsFinite(relativeStd[i])));
        }).ToList();
        return new DataFrame(
            new Int32DataFrameColumn(Columns.Epoch, summaries.Select(_ => (int)chosen)),
            new StringDataFrameColumn(Columns.Variant, summaries.Select(s => ReinMaxCv.ControlVariateNames[(int)s.Key.Variant])),
            new DoubleDataFrameColumn(Columns.Eta, summaries.Select(s => s.Key.Eta)),
            new DoubleDataFrameColumn(Columns.Tau2, summaries.Select(s => s.Key.Tau2)),
            new Int32DataFrameColumn(Columns.K, summaries.Select(s => s.K)),
            new StringDataFrameColumn(Columns.Spec, summaries.Select(s => s.Spec)),
            new Int32DataFrameColumn(Columns.Seeds, summaries.Select(s => s.Seeds)),
            new DoubleDataFrameColumn(Columns.Cosine, summaries.Select(s => s.Cosine)),
            new DoubleDataFrameColumn(Columns.RelativeStd, summaries.Select(s => s.RelativeStd)),
            new Int32DataFrameColumn(Columns.NonfiniteSeeds, summaries.Select(s => s.NonFinite)),
            new DoubleDataFrameColumn(Columns.ReferenceCosine, summaries.Select(_ => referenceCosine)),
            new DoubleDataFrameColumn(Columns.ReferenceRelativeStd, summaries.Select(_ => referenceStd)),
            new DoubleDataFrameColumn(Columns.CosineDifference, summaries.Select(s => s.Cosine - referenceCosine)),
            new DoubleDataFrameColumn(Columns.RelativeStdRatio, summaries.Select(s => s.RelativeStd / referenceStd)));

        string Canonical(string s) => Published.Comparability.Canonical(s);
    }

    /// <summary>The mean of the finite values at <paramref name="rows"/>; NaN when none is.</summary>
    private static double Finite(IEnumerable<int> rows, double[] values) => SampleStatistics.Of(rows.Select(i => values[i]).Where(double.IsFinite).ToList()).Mean;
}
