using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Training;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Parameters of the bias/variance study over training checkpoints (Beyond ReinMax, Fig. 1; docs/estimators.md, C.1): a model is
/// trained with each of several seeds; at every checkpoint of every seed a batch is drawn at random among the first
/// <see cref="BatchPool"/> batches of that seed's data order, and N estimates of each estimator are compared with the exact
/// gradient; the statistics are then averaged over seeds (mean ± standard error).
/// </summary>
public sealed record BiasVarianceParameters : IAnalysisParameters<BiasVarianceParameters>
{
    /// <summary>How each seed's model is trained (its <see cref="ReferenceTraining.Seed"/> is replaced by each of <see cref="Seeds"/>).</summary>
    public required ReferenceTraining Training { get; init; }

    /// <summary>The training seeds; each gives one model, one batch per checkpoint and one set of statistics.</summary>
    [Override("Training seeds (one model each; statistics averaged over them)")]
    public IReadOnlyList<long> Seeds { get; init; } = [0];

    /// <summary>Training epochs of each seed's model (<see cref="Training"/>'s).</summary>
    [JsonIgnore, Override("Training epochs of the studied model")]
    public int Epochs { get => Training.Epochs; init => Training = Training with { Epochs = value }; }

    /// <summary>The training images of each seed's model, the first N (<see cref="Training"/>'s; null for all 60,000).</summary>
    [JsonIgnore, Override("Use the first N training images")]
    public int? TrainSize { get => Training.TrainSize; init => Training = Training with { TrainSize = value }; }

    /// <summary>Epochs whose checkpoints are studied.</summary>
    [Override("Epochs whose checkpoints are studied", Aliases = ["--checkpoints"])]
    public required IReadOnlyList<int> CheckpointEpochs { get; init; }

    /// <summary>The estimators compared, as specs.</summary>
    [Override("Estimator specs to compare (default: the paper's eight)", Aliases = ["-e"], Repeated = true)]
    public required IReadOnlyList<string> Estimators { get; init; }

    /// <summary>Estimates per estimator, checkpoint and seed.</summary>
    [Override("Estimates per estimator, checkpoint and seed")]
    public required int Samples { get; init; }

    /// <summary>Size of the batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The batch at a checkpoint is drawn uniformly among the first this many batches of the seed's data order (10 in the authors' scripts).</summary>
    public int BatchPool { get; init; } = 10;

    /// <summary>Seeds the choice of the batch among the pool and the estimators' draws.</summary>
    public long Seed { get; init; }

    /// <summary>The definition of the gradient statistics (<see cref="GradientStatistics.Revision"/>); part of the fingerprint.</summary>
    public int StatisticsRevision { get; init; } = GradientStatistics.Revision;

    /// <summary>The preset these parameters started from, for titles.</summary>
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>
    /// The estimators of Fig. 1 whose cosines are published (<see cref="Published.PublishedResults.BiasVarianceCosine"/>), all at τ = 1:
    /// ST, ST-GS, GR-MC100 (the published GR), GST-1.0, ReinMax and ReinMax-Rao (K = 100). The published protocol is run when the
    /// parameters compare at least these (<see cref="IsPaperProtocol"/>).
    /// </summary>
    public static IReadOnlyList<string> PublishedEstimators { get; } =
        ["st:tau=1", "st-gs:tau=1", "gr-mc:k=100,tau=1", "gst:gap=1,tau=1", "reinmax:tau=1", "reinmax-rao:k=100,tau=1"];

    /// <summary>
    /// The presets' estimators: <see cref="PublishedEstimators"/>, then estimators with no published numbers — ZGR (which equals
    /// ReinMax at τ = 1, docs/estimators.md B.6) and ReinMax-CV at the caption's τ₂ = 0.1 (η = 0.7, K = 100) with each of its control
    /// variates: ours (conditional, mean-zero given D) and the authors' two (<c>cv=forward</c>, <c>cv=code</c>; A.11, B.15–B.16).
    /// </summary>
    public static IReadOnlyList<string> PaperEstimators { get; } =
    [
        .. PublishedEstimators, "zgr", "reinmax-cv:eta=0.7,tau2=0.1,k=100", "reinmax-cv:cv=forward,eta=0.7,tau2=0.1,k=100",
        "reinmax-cv:cv=code,eta=0.7,tau2=0.1,k=100",
    ];

    /// <summary>The epochs of the paper's checkpoints: 1, 5, 10, …, 50.</summary>
    public static IReadOnlyList<int> PaperCheckpoints { get; } = [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50];

    /// <summary>
    /// The published protocol: 8×4 trained with ReinMax (τ = 1), Adam, lr 5e-4, 50 epochs on all 60,000 images, seeds 0–9,
    /// checkpoints at epochs 1, 5, 10, …, 50; at each, a batch of 100 drawn among the first 10 batches, and 1024 estimates of
    /// every estimator (the figure caption's number; the authors' checkpoint scripts used 512).
    /// </summary>
    public static BiasVarianceParameters Paper => new()
    {
        Training = new ReferenceTraining("8x4", "reinmax:tau=1", OptimizerKind.Adam, 5e-4, 50, null, 0),
        Seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        CheckpointEpochs = PaperCheckpoints,
        Estimators = PaperEstimators,
        Samples = 1024,
        Preset = "paper",
    };

    /// <summary>
    /// About 4 minutes on 2 cores: 5 seeds, 6 epochs on 10,000 images, checkpoints at 1, 3 and 6, 256 estimates. The
    /// seeds, not the estimates, carry most of the noise here (a young model's cosines vary by ±0.1–0.2 from seed to seed at epoch
    /// 1), so the preset spends its budget on seeds: with 3 of them, ReinMax's cosine lay above ST's, ST-GS's, GR-MC100's and
    /// GST-1.0's in every seed, but no 95 % interval on 2 degrees of freedom could resolve it (<see cref="BiasVarianceReading"/>).
    /// </summary>
    public static BiasVarianceParameters Quick => Paper with
    {
        Training = Paper.Training with { Epochs = 6, TrainSize = 10_000 },
        Seeds = [0, 1, 2, 3, 4],
        CheckpointEpochs = [1, 3, 6],
        Samples = 256,
        Preset = "quick",
    };

    /// <summary>
    /// A few seconds, to check that the study runs: one seed, a model trained one epoch on the first 1,000 images, its checkpoint
    /// after that epoch, 16 estimates of each of the paper preset's estimators.
    /// </summary>
    public static BiasVarianceParameters Smoke => Quick with
    {
        Training = Quick.Training with { Epochs = 1, TrainSize = 1_000 },
        Seeds = [0],
        CheckpointEpochs = [1],
        Samples = 16,
        Preset = "smoke",
    };

    /// <inheritdoc />
    public static BiasVarianceParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <inheritdoc />
    public BiasVarianceParameters WithPreset(string preset) => this with { Preset = preset };

    /// <summary>
    /// Whether these parameters are the published protocol (whatever preset they started from): the paper preset's model, seeds,
    /// checkpoints, batch and number of estimates, comparing at least the <see cref="PublishedEstimators"/> (specs compared in the
    /// catalogue's canonical form). Further estimators do not change the protocol of the published ones; they are the
    /// <see cref="UnpublishedEstimators"/>, which titles name as such.
    /// </summary>
    public bool? IsPaperProtocol()
    {
        var paper = Paper;
        var ours = Estimators.Select(Published.Comparability.Canonical).ToHashSet();
        return Training with { Seed = 0 } == paper.Training && Seeds.Order().SequenceEqual(paper.Seeds) &&
               CheckpointEpochs.Order().SequenceEqual(paper.CheckpointEpochs) &&
               PublishedEstimators.All(s => ours.Contains(Published.Comparability.Canonical(s))) &&
               Samples == paper.Samples && BatchSize == paper.BatchSize && BatchPool == paper.BatchPool;
    }

    /// <summary>The estimators run that have no published cosines (not among <see cref="PublishedEstimators"/>), in their order.</summary>
    public IReadOnlyList<string> UnpublishedEstimators()
    {
        var published = PublishedEstimators.Select(Published.Comparability.Canonical).ToHashSet();
        return Estimators.Where(s => !published.Contains(Published.Comparability.Canonical(s))).ToList();
    }

    /// <summary>
    /// These parameters with ReinMax (τ = 1) and the ReinMax-CV specs of <see cref="ControlVariateGrid.Specs"/> added to the
    /// estimators (each spec once, in canonical form): the grid of η × τ₂ × control variate whose statistics
    /// <see cref="ControlVariateGridFigure"/> maps against ReinMax's. The estimators already there are kept, so the grid's
    /// units join the study's in its result store.
    /// </summary>
    /// <param name="etas">The weights η; default the authors' search grid, <see cref="ControlVariateGrid.Etas"/>.</param>
    /// <param name="tau2s">The temperatures τ₂; default <see cref="ControlVariateGrid.Tau2s"/>.</param>
    /// <param name="variants">The control variates (<c>conditional</c>, <c>forward</c>, <c>code</c>); default all three.</param>
    /// <param name="k">The Gumbel-Rao samples K of every cell (100 in the authors' code).</param>
    public BiasVarianceParameters WithControlVariateGrid(IEnumerable<double>? etas = null, IEnumerable<double>? tau2s = null,
        IEnumerable<string>? variants = null, int k = ControlVariateGrid.DefaultK)
    {
        var catalog = EstimatorCatalog.Default;
        var added = ControlVariateGrid.Specs(etas ?? ControlVariateGrid.Etas, tau2s ?? ControlVariateGrid.Tau2s, variants ?? ReinMaxCv.ControlVariateNames, k)
            .Prepend(ControlVariateGrid.Reference);
        var seen = Estimators.Select(s => catalog.Create(s).Spec).ToHashSet();
        return this with { Estimators = [.. Estimators, .. added.Where(s => seen.Add(catalog.Create(s).Spec))] };
    }

    /// <summary>
    /// One line for chart subtitles: the parameters actually run, and whether they are the paper's protocol; when they are and
    /// further estimators are compared, their titles with <c>not published</c>.
    /// </summary>
    public string Describe() =>
        $"{Presets.Label(Preset, IsPaperProtocol())}{UnpublishedNote()}: {Training.Configuration} trained with {Training.Estimator} for " +
        $"{Count(Training.Epochs, "epoch")} on {Images(Training.TrainSize)} images, {Count(Seeds.Count, "seed")}; " +
        $"{Samples} estimates on a batch of {BatchSize} drawn among the first {BatchPool} of each checkpoint";

    private string UnpublishedNote()
    {
        if (IsPaperProtocol() != true) return "";
        var titles = UnpublishedEstimators().Select(s => Published.Comparability.OrAsWritten(s, EstimatorCatalog.Default.TitleOf))
            .Distinct().ToList();
        return titles.Count == 0 ? "" : $" plus estimators not published ({string.Join(", ", titles)})";
    }

    /// <summary>Throws when a field is out of range or a spec is invalid.</summary>
    public void Validate()
    {
        if (CheckpointEpochs.Count == 0 || Estimators.Count == 0) throw new ArgumentException("The study needs checkpoints and estimators.");
        if (Seeds.Count == 0) throw new ArgumentException("The study needs at least one seed.", nameof(Seeds));
        if (Seeds.Distinct().Count() != Seeds.Count) throw new ArgumentException("The seeds must be distinct.", nameof(Seeds));
        if (Training.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.Epochs), Training.Epochs, "Epochs must be at least 1.");
        if (Training.TrainSize is < 1) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.TrainSize), Training.TrainSize, "The training-set size must be at least 1.");
        foreach (var e in CheckpointEpochs)
            if (e < 1 || e > Training.Epochs) throw new ArgumentOutOfRangeException(nameof(CheckpointEpochs), e, $"Checkpoint epochs must lie in 1..{Training.Epochs}.");
        foreach (var s in Estimators.Append(Training.Estimator)) EstimatorCatalog.Default.Create(s);
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a spread.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch needs at least one image.");
        if (BatchPool < 1) throw new ArgumentOutOfRangeException(nameof(BatchPool), BatchPool, "The batch pool needs at least one batch.");
    }
}

/// <summary>One estimator at one checkpoint of one seed's model.</summary>
/// <param name="Seed">The training seed.</param>
/// <param name="Epoch">The checkpoint's epoch.</param>
/// <param name="Batch">Which of the first <see cref="BiasVarianceParameters.BatchPool"/> batches of the seed's data order was used.</param>
/// <param name="Estimator">The spec.</param>
/// <param name="Title">The paper name.</param>
/// <param name="Statistics">Cosine, relative std, MSE and norms against the exact gradient.</param>
/// <param name="Seconds">Time to draw and compare the estimates.</param>
public sealed record BiasVarianceUnit(long Seed, int Epoch, int Batch, string Estimator, string Title, GradientStatistics Statistics, double Seconds);

/// <summary>The bias/variance study's result.</summary>
/// <param name="Statistics">One row per (seed, checkpoint, estimator): <c>seed</c>, <c>epoch</c>, <c>batch</c>, <c>estimator</c>, <c>title</c>,
/// <c>cosine</c>, <c>relative_std</c>, <c>all_zero_examples</c>, <c>mse</c>, <c>exact_norm</c>, <c>mean_norm</c>, <c>samples</c> (definitions in
/// <see cref="GradientStatistics"/>).</param>
/// <param name="Summary">Mean and standard error over seeds per (checkpoint, estimator) (<see cref="BiasVarianceStudy.Summarise"/>).</param>
public sealed record BiasVarianceResult(DataFrame Statistics, DataFrame Summary);
