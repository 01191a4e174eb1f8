using System.Text.Json.Serialization;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Timing;

namespace NotebookExperiments.Analyses;

/// <summary>An estimator of the step timing: the name in charts and tables, and its spec.</summary>
/// <param name="Title">The paper's name, e.g. <c>GR-MC100</c> or <c>RF(4)</c>.</param>
/// <param name="Spec">The spec, e.g. <c>gr-mc:k=100,tau=1</c>.</param>
public sealed record TimedEstimator(string Title, string Spec);

/// <summary>
/// What <see cref="StepTiming"/> times: one forward–backward pass of the VAE per batch and estimator (<see cref="Training.Trainer.ForwardBackward"/>),
/// the quantity of the ZGR paper's Fig. 5 (Shekhovtsov 2023: "time of a forward-backward pass per batch", on an Nvidia Tesla P100
/// with CUDA graphs), here on the device and threads of the machine that runs it.
/// </summary>
/// <remarks>
/// The paper's milliseconds are a GPU's and cannot be compared with these; what carries over is the shape: GR-MCK's cost grows with
/// K (K·C Gumbel draws and K relaxed Jacobian products per variable), ZGR costs about what ST costs, and RF(M) pays for M decoder
/// passes. Times are medians over interleaved rounds (<see cref="InterleavedRunner"/>), and ratios to ST are taken round by round,
/// so that a slow moment of a shared machine moves both.
/// </remarks>
public sealed record StepTimingParameters : IAnalysisParameters<StepTimingParameters>
{
    /// <summary>The VAE's C×L.</summary>
    public string Configuration { get; init; } = "8x4";

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The estimators, in the order of the table and the chart; one must be ST (the baseline of the ratios).</summary>
    public IReadOnlyList<TimedEstimator> Estimators { get; init; } = DefaultEstimators;

    /// <summary>Warm-up, rounds and block duration of the interleaved timing.</summary>
    public required RunPlan Plan { get; init; }

    /// <summary>The timed rounds (<see cref="Plan"/>'s).</summary>
    [JsonIgnore, Override("Timed rounds of every estimator")]
    public int Rounds { get => Plan.Rounds; init => Plan = Plan with { Rounds = value }; }

    /// <summary>Seeds the models' initialisation and the estimators' draws.</summary>
    public long Seed { get; init; }

    /// <inheritdoc />
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>
    /// The estimators of the ZGR paper's Fig. 5 that the library has, and the Beyond-ReinMax family: ST, GS, ST-GS, GR-MC10, GR-MC100,
    /// GR-MC1000, ZGR, ReinMax, ReinMax-Rao (K = 100), ReinMax-CV (K = 100) and RF(4), every temperature at 1 (τ does not change the
    /// work).
    /// </summary>
    public static IReadOnlyList<TimedEstimator> DefaultEstimators { get; } =
    [
        new("ST", "st:tau=1"), new("GS", "gs:tau=1"), new("ST-GS", "st-gs:tau=1"),
        new("GR-MC10", "gr-mc:k=10,tau=1"), new("GR-MC100", "gr-mc:k=100,tau=1"), new("GR-MC1000", "gr-mc:k=1000,tau=1"),
        new("ZGR", "zgr"), new("ReinMax", "reinmax:tau=1"), new("ReinMax-Rao", "reinmax-rao:k=100,tau=1"),
        new("ReinMax-CV", "reinmax-cv:eta=0.7,k=100,tau2=0.1"), new("RF(4)", "reinforce-loo:m=4"),
    ];

    /// <summary>About 10 s on 2 cores: each estimator warmed up for 0.2 s, then 7 rounds of 0.1 s blocks.</summary>
    public static StepTimingParameters Quick => new()
    {
        Plan = new RunPlan(3, TimeSpan.FromSeconds(0.2), 7, TimeSpan.FromSeconds(0.1)),
        Preset = "quick",
    };

    /// <summary>
    /// About 40 s on 2 cores: the benchmark's plan for millisecond work (<see cref="RunPlan.Fast"/>: 0.5 s warm-up, 15 rounds of
    /// 0.2 s blocks). Not the paper's protocol (a GPU with CUDA graphs): only a longer measurement.
    /// </summary>
    public static StepTimingParameters Paper => Quick with { Plan = RunPlan.Fast, Preset = "paper" };

    /// <summary>About a second, to check that the timing runs: one warm-up pass and one timed round of one pass per estimator.</summary>
    public static StepTimingParameters Smoke => Quick with { Plan = new RunPlan(1, TimeSpan.Zero, 1, TimeSpan.Zero), Preset = "smoke" };

    /// <inheritdoc />
    public static StepTimingParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <inheritdoc />
    public StepTimingParameters WithPreset(string preset) => this with { Preset = preset };

    /// <inheritdoc />
    /// <remarks>The paper's protocol is a GPU's with CUDA graphs, which this timing never is.</remarks>
    public bool? IsPaperProtocol() => null;

    /// <inheritdoc />
    public string Describe() => $"{Preset} preset (not the paper's GPU): {Configuration} VAE, batch {BatchSize}, {Estimators.Count} estimators, " +
        Phrases.Count(Plan.Rounds, "interleaved round");

    /// <summary>Throws when a field is out of range, a spec is invalid, or no estimator is ST.</summary>
    public void Validate()
    {
        VaeConfiguration.Parse(Configuration);
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (Plan.Rounds < 1) throw new ArgumentOutOfRangeException(nameof(Plan), Plan.Rounds, "At least one timed round is needed.");
        if (Estimators.Count == 0) throw new ArgumentException("The timing needs at least one estimator.", nameof(Estimators));
        if (Estimators.Select(e => e.Title).Distinct().Count() != Estimators.Count)
            throw new ArgumentException("Two estimators have the same title.", nameof(Estimators));
        if (!Estimators.Any(e => EstimatorCatalog.Default.Create(e.Spec) is StraightThrough))
            throw new ArgumentException("The ratios are taken to ST: include an ST estimator (st:tau=1).", nameof(Estimators));
    }
}
