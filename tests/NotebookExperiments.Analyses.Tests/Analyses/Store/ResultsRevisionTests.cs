using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookExperiments.Analyses;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses.Store;

/// <summary>
/// Pins the numbers that stored results are made of to <see cref="ResultsRevision.Current"/>: every built-in estimator's
/// gradient statistics on a fixed synthetic problem (each example spec, so τ ≠ 1 and K &gt; 1 are covered), and two epochs of a
/// small VAE under each optimiser. A change that moves any of them changes what a stored unit would hold, so the store must
/// stop reusing the old units: increase <see cref="ResultsRevision.Current"/> and record the new numbers
/// (<c>results-revision.json</c> beside this file; the failure message prints its new content).
/// </summary>
/// <remarks>
/// The tolerance, 10⁻⁵ relative to max(1, |value|), is above what float32 rounding moves between machines (these numbers are
/// reductions of a few thousand float32 terms, 12 training steps at most) and below any change of a formula, a learning rate, an
/// optimiser or a draw order, which moves the statistics by 10⁻³ or more and the losses by 10⁻² nats or more (the three
/// estimators' losses differ by 0.04–0.5 nats here).
/// </remarks>
public sealed class ResultsRevisionTests
{
    private const double Tolerance = 1e-5;

    private static string PinnedFile => Path.Combine(RepositoryRoot.Find()!, "tests", "NotebookExperiments.Analyses.Tests",
        "Analyses", "Store", "results-revision.json");

    /// <summary>The numbers, by name, computed by the current code.</summary>
    public static SortedDictionary<string, double> Compute()
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var study = new SyntheticStudy(SyntheticObjectiveKind.Mlp, Categories: 4, Latents: 3, Samples: 64, Batch: 2, Seed: 11);
        // The built-ins only: other tests register estimators of their own in the default catalogue.
        var catalog = EstimatorCatalog.CreateBuiltIn();
        foreach (var definition in catalog.Definitions)
            foreach (var spec in definition.Examples)
            {
                var statistics = study.Measure(catalog.Create(spec));
                values[$"{spec} cosine"] = statistics.Cosine;
                values[$"{spec} relative std"] = statistics.RelativeStd;
                values[$"{spec} mean norm"] = statistics.MeanNorm;
            }

        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        using var data = new TrainingData(rand([300, 784], generator: generator), rand([100, 784], generator: generator));
        foreach (var optimizer in Enum.GetValues<OptimizerKind>())
        {
            var options = new TrainingOptions(VaeConfiguration.Parse("4x3"), optimizer, Epochs: 2, BatchSize: 50);
            using var trainer = new Trainer(options, [new("reinmax:tau=1.3", 1e-3, 0), new("st-gs:tau=0.7", 5e-4, 1), new("gr-mc:k=3,tau=0.5", 7e-4, 2)]);
            foreach (var result in trainer.Run(data))
            {
                var name = $"{optimizer} {result.Member.Estimator}";
                values[$"{name} train"] = result.FinalTrainLoss ?? double.NaN;
                values[$"{name} test"] = result.FinalTestLoss ?? double.NaN;
            }
        }
        return values;
    }

    private static string Json(SortedDictionary<string, double> values)
    {
        var numbers = new JsonObject();
        foreach (var (name, value) in values) numbers[name] = double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);
        return new JsonObject { ["revision"] = ResultsRevision.Current, ["values"] = numbers }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static double Read(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture) : node.GetValue<double>();

    [Fact]
    public void TheNumbersStoredResultsAreMadeOfArePinnedToTheResultsRevision()
    {
        var actual = Compute();
        var advice = $"Increase ResultsRevision.Current if this change is meant to alter results, and write this into {PinnedFile}:\n{Json(actual)}";
        Assert.True(File.Exists(PinnedFile), $"{PinnedFile} is missing. {advice}");
        var pinned = JsonNode.Parse(File.ReadAllText(PinnedFile))!;
        Assert.True(pinned["revision"]!.GetValue<int>() == ResultsRevision.Current,
            $"The pinned numbers are those of revision {pinned["revision"]}, not {ResultsRevision.Current}. {advice}");
        var expected = pinned["values"]!.AsObject().ToDictionary(p => p.Key, p => Read(p.Value!), StringComparer.Ordinal);

        var moved = actual.Keys.Union(expected.Keys).Order(StringComparer.Ordinal)
            .Where(name => !expected.TryGetValue(name, out var e) || !actual.TryGetValue(name, out var a) ||
                           !(a.Equals(e) || Math.Abs(a - e) <= Tolerance * Math.Max(1, Math.Abs(e))))
            .Select(name => $"{name}: pinned {(expected.TryGetValue(name, out var e) ? e.ToString("R", CultureInfo.InvariantCulture) : "—")}, " +
                            $"now {(actual.TryGetValue(name, out var a) ? a.ToString("R", CultureInfo.InvariantCulture) : "—")}")
            .ToList();
        Assert.True(moved.Count == 0, $"{moved.Count} numbers moved under results revision {ResultsRevision.Current}:\n{string.Join("\n", moved)}\n{advice}");
    }

    [Fact]
    public void TheNumbersAreTheSameInTwoRunsOfThisProcess()
    {
        // The pin is only meaningful if the numbers are deterministic: the same seeds give the same values to the last bit.
        Assert.Equal(Compute(), Compute());
    }
}
