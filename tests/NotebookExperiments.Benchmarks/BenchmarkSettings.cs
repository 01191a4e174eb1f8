using NotebookExperiments.Models;

namespace NotebookExperiments.Benchmarks;

/// <summary>What to measure and how to print it (the command line, parsed).</summary>
/// <param name="Sections">The sections to run, in order.</param>
/// <param name="Threads">TorchSharp intra-op threads.</param>
/// <param name="Quick">Fewer and shorter rounds: a smoke run, not numbers to publish.</param>
/// <param name="Output">Tables, markdown or JSON.</param>
/// <param name="UseMnist">Real MNIST training images instead of synthetic grey levels.</param>
/// <param name="Seed">Seeds the synthetic images, the models and every estimator draw.</param>
/// <param name="Estimators">The estimators of the training-step section.</param>
/// <param name="StudyEstimators">The estimators of the gradient study.</param>
internal sealed record BenchmarkSettings(
    IReadOnlyList<BenchmarkSection> Sections,
    int Threads,
    bool Quick,
    ReportFormat Output,
    bool UseMnist,
    long Seed,
    IReadOnlyList<string> Estimators,
    IReadOnlyList<string> StudyEstimators)
{
    /// <summary>The section names accepted by <c>--sections</c>, in their order.</summary>
    public static IReadOnlyList<string> SectionNames { get; } = ["flop", "steps", "oracle", "ensemble", "study", "shared", "jobs"];

    /// <summary>The sections run without <c>--sections</c>: all but <c>jobs</c>.</summary>
    public static IReadOnlyList<string> DefaultSectionNames { get; } = ["flop", "steps", "oracle", "ensemble", "study", "shared"];

    /// <summary>The estimators timed by default: every built-in at its defaults except exact enumeration.</summary>
    public static IReadOnlyList<string> DefaultEstimators { get; } =
    [
        "st", "st-gs", "gs", "gr-mc:k=100", "zgr", "reinmax", "reinmax-rk2", "reinmax-rao:k=100", "reinmax-cv:k=100", "gst",
        "reinforce-loo:m=4",
    ];

    /// <summary>
    /// The estimators of the gradient study by default: ReinMax (the cost of the decoder passes alone) and GR-MC100 (the
    /// costliest backward rule: K = 100 conditional Gumbel draws per variable).
    /// </summary>
    public static IReadOnlyList<string> DefaultStudyEstimators { get; } = ["reinmax", "gr-mc:k=100"];

    /// <summary>The VAE measured: 8×4 (C = 8 classes, L = 4 variables, 4096 joint states).</summary>
    public VaeConfiguration Configuration { get; } = new(8, 4);

    /// <summary>Examples per step, B = 100 as in the papers.</summary>
    public int BatchSize => 100;

    /// <summary>Gradient estimates per study, N = 1024 as in Beyond ReinMax's Figure 1.</summary>
    public int StudyEstimates => 1024;

    /// <summary>Single-estimate passes actually timed for the looped study (the time is scaled to <see cref="StudyEstimates"/>).</summary>
    public int StudyLoopedEstimates => Quick ? 16 : 64;

    /// <summary>Members of the ensemble: the 29 β values −0.2, −0.15, …, 1.2 of the ReinMax-RK2 sweep.</summary>
    public int EnsembleMembers => 29;

    /// <summary>
    /// Parses <c>--sections</c>: comma-separated names from <see cref="SectionNames"/>. The sections always run in the order
    /// of <see cref="SectionNames"/>, so that section 1 times the training step's products together whatever else is chosen.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, or none.</exception>
    public static IReadOnlyList<BenchmarkSection> ParseSections(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException("--sections needs at least one of " + string.Join(",", SectionNames) + ".");
        var sections = new List<BenchmarkSection>();
        foreach (var name in names)
        {
            var section = name.ToLowerInvariant() switch
            {
                "flop" => BenchmarkSection.Flop,
                "steps" => BenchmarkSection.Steps,
                "oracle" => BenchmarkSection.Oracle,
                "study" => BenchmarkSection.Study,
                "ensemble" => BenchmarkSection.Ensemble,
                "shared" => BenchmarkSection.Shared,
                "jobs" => BenchmarkSection.Jobs,
                _ => throw new ArgumentException($"Unknown section '{name}'. Accepted: {string.Join(", ", SectionNames)}."),
            };
            if (!sections.Contains(section)) sections.Add(section);
        }
        sections.Sort();
        return sections;
    }
}
