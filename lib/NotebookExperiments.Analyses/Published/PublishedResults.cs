using System.Text;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;

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

    private static readonly Lazy<IReadOnlyList<PublishedElboCell>> ElboCells = new(() => PublishedCsv.Read("elbo-table.csv").Records((csv, i) =>
        new PublishedElboCell(csv.String(i, Columns.Config), csv.String(i, Columns.Estimator), csv.String(i, Columns.PublishedName),
            csv.Value(i, Columns.MeanTrainElbo, Columns.SeTrainElbo), csv.Integer(i, Columns.Epochs), csv.String(i, Columns.Note))));

    private static readonly Lazy<IReadOnlyList<PublishedBetaPoint>> BetaPoints = new(() => PublishedCsv.Read("beta-sweep.csv").Records((csv, i) =>
        new PublishedBetaPoint(csv.String(i, Columns.Config), csv.String(i, Columns.Estimator), csv.Double(i, Columns.Beta), csv.Double(i, Columns.Tau),
            csv.Value(i, Columns.MeanTrainElbo, Columns.SeTrainElbo), csv.Integer(i, Columns.Epochs), csv.String(i, Columns.Note))));

    private static readonly Lazy<IReadOnlyList<PublishedCosinePoint>> CosinePoints = new(() => PublishedCsv.Read("bias-variance-cosine.csv").Records(
        (csv, i) => new PublishedCosinePoint(csv.String(i, Columns.Config), csv.String(i, Columns.Estimator), csv.String(i, Columns.Title),
            csv.String(i, Columns.PublishedName), csv.Integer(i, Columns.Epoch), csv.Value(i, Columns.MeanCosine, Columns.SeCosine),
            csv.String(i, Columns.Note))));

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

    /// <summary>The raw text of one embedded file (one of <see cref="Files"/>), the resource <c>NotebookExperiments.Published.</c> + its name (see
    /// the project file).</summary>
    /// <exception cref="FileNotFoundException">No such file is embedded (the assembly was built without it).</exception>
    public static string Text(string file)
    {
        using var stream = typeof(PublishedResults).Assembly.GetManifestResourceStream("NotebookExperiments.Published." + file)
            ?? throw new FileNotFoundException($"The published numbers {file} are not embedded in {typeof(PublishedResults).Assembly.GetName().Name}; " +
                                               $"rebuild the library from a checkout that has data/published/{file}.", file);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary><see cref="ElboTable"/> as a frame: <c>config</c>, <c>estimator</c>, <c>published_name</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>seeds</c>, <c>epochs</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame ElboTableFrame() => PublishedCsv.Read("elbo-table.csv").Frame();

    /// <summary><see cref="BetaSweep"/> as a frame: <c>config</c>, <c>estimator</c>, <c>beta</c>, <c>tau</c>, <c>mean_train_elbo</c>,
    /// <c>se_train_elbo</c>, <c>seeds</c>, <c>epochs</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame BetaSweepFrame() => PublishedCsv.Read("beta-sweep.csv").Frame();

    /// <summary><see cref="BiasVarianceCosine"/> as a frame: <c>config</c>, <c>estimator</c>, <c>title</c>, <c>published_name</c>,
    /// <c>epoch</c>, <c>mean_cosine</c>, <c>se_cosine</c>, <c>seeds</c>, <c>note</c>, <c>source</c>.</summary>
    public static DataFrame BiasVarianceCosineFrame() => PublishedCsv.Read("bias-variance-cosine.csv").Frame();
}
