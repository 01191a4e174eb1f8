using Microsoft.Data.Analysis;

namespace NotebookExperiments.Published;

/// <summary>
/// The published numbers of the Beyond ReinMax authors' result files (Wang &amp; Bui 2026), as data/published/ holds them and
/// this assembly embeds them: the −ELBO table, the β sweep of ReinMax-RK2 (Fig. 2, 8×4) and the cosines of the bias/variance study
/// (Fig. 1), each keyed by our configuration and our estimator's row, spec or title, each with its source (the figure or table,
/// the authors' script that computes it and the result files it reads in <see cref="Repository"/> at <see cref="Commit"/>). They are
/// drawn and compared beside our results, never used to compute them. data/published/README.md says where each number comes from,
/// under which protocol, and its caveats.
/// </summary>
/// <remarks>
/// Embedded resources rather than files copied to the output: a notebook references the library's DLL from its build folder
/// while the kernel runs in the notebook's folder, so a file beside the DLL would have to be found through the assembly's
/// location; the resources travel with the DLL wherever it is loaded from.
/// </remarks>
public static class PublishedResults
{
    /// <summary>Where the numbers come from, for notes and legends.</summary>
    public const string Source = "the Beyond ReinMax authors' result files (Wang & Bui 2026)";

    /// <summary>The short name of the source in figure legends.</summary>
    public const string Authors = "Wang & Bui";

    /// <summary>The authors' repository (on GitHub) whose <c>results/</c> folder and scripts every published number comes from.</summary>
    public const string Repository = "danielwang0452/DiscreteNumericalMethodsASC";

    /// <summary>The branch of <see cref="Repository"/> that holds the result files.</summary>
    public const string Branch = "thang_experimental";

    /// <summary>The commit of <see cref="Repository"/> the numbers were read at.</summary>
    public const string Commit = "62697d17038664542002056e6c51e7b5c6f3d577";

    /// <summary><see cref="Commit"/> abbreviated, for footnotes.</summary>
    public const string ShortCommit = "62697d1";

    /// <summary>The repository's files at <see cref="Commit"/> on the web.</summary>
    public const string RepositoryUrl = "https://github.com/" + Repository + "/tree/" + Commit;

    /// <summary>The repository, branch and commit in one line, for legends: <c>danielwang0452/DiscreteNumericalMethodsASC, branch
    /// thang_experimental, commit 62697d1</c>.</summary>
    public const string RepositoryCitation = Repository + ", branch " + Branch + ", commit " + ShortCommit;

    /// <summary>The file names of data/published/ that are embedded.</summary>
    public static IReadOnlyList<string> Files { get; } = ["elbo-table.csv", "beta-sweep.csv", "bias-variance-cosine.csv"];

    private static readonly Lazy<IReadOnlyList<PublishedElboCell>> ElboCells = new(ReadElboTable);
    private static readonly Lazy<IReadOnlyList<PublishedBetaPoint>> BetaPoints = new(ReadBetaSweep);
    private static readonly Lazy<IReadOnlyList<PublishedCosinePoint>> CosinePoints = new(ReadCosines);

    /// <summary>The −ELBO table: final train −ELBO after 160 epochs, mean ± s.e. over 10 seeds (5 where noted), by configuration
    /// and row (ST-GS, GR-MC100 for the published GR-MCK, ST, GST-1.0, ReinMax, ReinMax-Rao; ReinMax-CV is not published).</summary>
    public static IReadOnlyList<PublishedElboCell> ElboTable => ElboCells.Value;

    /// <summary>The β sweep of ReinMax-RK2 on 8×4: final train −ELBO after 50 epochs, mean ± s.e. over 5 seeds, β from −0.2 to 1.2
    /// (the s.e. is NaN for β ≤ 0.45, where the source gives the collapse level alone).</summary>
    public static IReadOnlyList<PublishedBetaPoint> BetaSweep => BetaPoints.Value;

    /// <summary>The cosines with the exact gradient at epochs 1, 10, …, 50 of the ReinMax-trained 8×4 VAE, mean ± s.e. over 10 seeds,
    /// keyed by our spec.</summary>
    public static IReadOnlyList<PublishedCosinePoint> BiasVarianceCosine => CosinePoints.Value;

    /// <summary>The published cell of row <paramref name="estimator"/> on <paramref name="configuration"/>, or null when none is
    /// published (ReinMax-CV, a row of your own, another configuration).</summary>
    public static PublishedElboCell? ElboCell(string configuration, string estimator) =>
        ElboTable.FirstOrDefault(c => c.Configuration == configuration && c.Estimator == estimator);

    /// <summary>The raw text of one embedded file (one of <see cref="Files"/>).</summary>
    /// <exception cref="FileNotFoundException">No such file is embedded.</exception>
    public static string Text(string file) => PublishedCsv.Text(file);

    /// <summary><see cref="ElboTable"/> as a frame: <c>config</c>, <c>estimator</c>, <c>published_name</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>seeds</c>, <c>epochs</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame ElboTableFrame() => new(
        new StringDataFrameColumn("config", ElboTable.Select(c => c.Configuration)),
        new StringDataFrameColumn("estimator", ElboTable.Select(c => c.Estimator)),
        new StringDataFrameColumn("published_name", ElboTable.Select(c => c.PublishedName)),
        new DoubleDataFrameColumn("mean_train_elbo", ElboTable.Select(c => c.TrainElbo.Mean)),
        new DoubleDataFrameColumn("se_train_elbo", ElboTable.Select(c => c.TrainElbo.StandardError)),
        new Int32DataFrameColumn("seeds", ElboTable.Select(c => c.TrainElbo.Seeds)),
        new Int32DataFrameColumn("epochs", ElboTable.Select(c => c.Epochs)),
        new StringDataFrameColumn("note", ElboTable.Select(c => c.Note)),
        new StringDataFrameColumn("source", ElboTable.Select(c => c.TrainElbo.Source)));

    /// <summary><see cref="BetaSweep"/> as a frame: <c>config</c>, <c>estimator</c>, <c>beta</c>, <c>tau</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>seeds</c>, <c>epochs</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame BetaSweepFrame() => new(
        new StringDataFrameColumn("config", BetaSweep.Select(p => p.Configuration)),
        new StringDataFrameColumn("estimator", BetaSweep.Select(p => p.Estimator)),
        new DoubleDataFrameColumn("beta", BetaSweep.Select(p => p.Beta)),
        new DoubleDataFrameColumn("tau", BetaSweep.Select(p => p.Tau)),
        new DoubleDataFrameColumn("mean_train_elbo", BetaSweep.Select(p => p.TrainElbo.Mean)),
        new DoubleDataFrameColumn("se_train_elbo", BetaSweep.Select(p => p.TrainElbo.StandardError)),
        new Int32DataFrameColumn("seeds", BetaSweep.Select(p => p.TrainElbo.Seeds)),
        new Int32DataFrameColumn("epochs", BetaSweep.Select(p => p.Epochs)),
        new StringDataFrameColumn("note", BetaSweep.Select(p => p.Note)),
        new StringDataFrameColumn("source", BetaSweep.Select(p => p.TrainElbo.Source)));

    /// <summary><see cref="BiasVarianceCosine"/> as a frame: <c>config</c>, <c>estimator</c>, <c>title</c>, <c>published_name</c>,
    /// <c>epoch</c>, <c>mean_cosine</c>, <c>se_cosine</c>, <c>seeds</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame BiasVarianceCosineFrame() => new(
        new StringDataFrameColumn("config", BiasVarianceCosine.Select(p => p.Configuration)),
        new StringDataFrameColumn("estimator", BiasVarianceCosine.Select(p => p.Estimator)),
        new StringDataFrameColumn("title", BiasVarianceCosine.Select(p => p.Title)),
        new StringDataFrameColumn("published_name", BiasVarianceCosine.Select(p => p.PublishedName)),
        new Int32DataFrameColumn("epoch", BiasVarianceCosine.Select(p => p.Epoch)),
        new DoubleDataFrameColumn("mean_cosine", BiasVarianceCosine.Select(p => p.Cosine.Mean)),
        new DoubleDataFrameColumn("se_cosine", BiasVarianceCosine.Select(p => p.Cosine.StandardError)),
        new Int32DataFrameColumn("seeds", BiasVarianceCosine.Select(p => p.Cosine.Seeds)),
        new StringDataFrameColumn("note", BiasVarianceCosine.Select(p => p.Note)),
        new StringDataFrameColumn("source", BiasVarianceCosine.Select(p => p.Cosine.Source)));

    private static IReadOnlyList<PublishedElboCell> ReadElboTable()
    {
        var csv = PublishedCsv.Read("elbo-table.csv");
        return Enumerable.Range(0, csv.Count).Select(i => new PublishedElboCell(
            csv.String(i, "config"), csv.String(i, "estimator"), csv.String(i, "published_name"),
            new PublishedValue(csv.Double(i, "mean_train_elbo"), csv.Double(i, "se_train_elbo"), csv.Integer(i, "seeds"), csv.Required(i, "source")),
            csv.Integer(i, "epochs"), csv.String(i, "note"))).ToList();
    }

    private static IReadOnlyList<PublishedBetaPoint> ReadBetaSweep()
    {
        var csv = PublishedCsv.Read("beta-sweep.csv");
        return Enumerable.Range(0, csv.Count).Select(i => new PublishedBetaPoint(
            csv.String(i, "config"), csv.String(i, "estimator"), csv.Double(i, "beta"), csv.Double(i, "tau"),
            new PublishedValue(csv.Double(i, "mean_train_elbo"), csv.Double(i, "se_train_elbo"), csv.Integer(i, "seeds"), csv.Required(i, "source")),
            csv.Integer(i, "epochs"), csv.String(i, "note"))).ToList();
    }

    private static IReadOnlyList<PublishedCosinePoint> ReadCosines()
    {
        var csv = PublishedCsv.Read("bias-variance-cosine.csv");
        return Enumerable.Range(0, csv.Count).Select(i => new PublishedCosinePoint(
            csv.String(i, "config"), csv.String(i, "estimator"), csv.String(i, "title"), csv.String(i, "published_name"),
            csv.Integer(i, "epoch"),
            new PublishedValue(csv.Double(i, "mean_cosine"), csv.Double(i, "se_cosine"), csv.Integer(i, "seeds"), csv.Required(i, "source")),
            csv.String(i, "note"))).ToList();
    }
}
