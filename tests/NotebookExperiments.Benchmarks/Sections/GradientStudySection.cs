using System.Globalization;
using NotebookExperiments.Benchmarks.Flops;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Timing;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 4: drawing N = 1024 estimates of an estimator's encoder-logit gradient at a fixed model on a batch of 100, as
/// the bias/variance study does: batched (<see cref="GradientSampler.Sample"/>, the replicas stacked along a leading
/// dimension) versus a loop of single-estimate backward passes (<see cref="GradientSampler.Draw"/> with one sample), of
/// which only a few are timed and the time is scaled to N.
/// </summary>
internal static class GradientStudySection
{
    /// <summary>Replicas per pass of the second batched variant: small chunks keep the intermediate tensors in cache.</summary>
    public const int SmallChunk = 64;

    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var c = s.Configuration;
        int b = s.BatchSize, n = s.StudyEstimates, looped = s.StudyLoopedEstimates;
        var log = context.LogFor("study");
        var table = new ReportTable("study", $"5. Gradient study: {n:N0} estimates of the encoder-logit gradient ({c.Name} VAE, batch {b}, {s.Threads} threads)",
        [
            new("estimator", "estimator", Numeric: false),
            new("method", "method", Numeric: false),
            new("estimates_per_pass", "estimates per pass"),
            new("median_ms", $"median ms per {n:N0}"),
            new("iqr_ms", "IQR ms"),
            new("q1_ms", "q1 ms", JsonOnly: true),
            new("q3_ms", "q3 ms", JsonOnly: true),
            new("estimates_per_s", "estimates/s"),
            new("vs_looped", "vs looped"),
            new("floor_ms", "floor ms"),
            new("vs_floor", "× floor"),
        ]);

        using var modelGenerator = new Generator((ulong)s.Seed);
        using var model = new CategoricalVae(c, [modelGenerator]);
        using var scope = NewDisposeScope();
        var x = context.Images.Batch(0, 1, b);
        var images = x[0];
        Tensor logits;
        using (no_grad()) logits = model.EncoderLogits(x)[0].clone();
        LatentObjective objective = z => model.ReconstructionLoss(images, z, 0);

        foreach (var spec in s.StudyEstimators)
        {
            var estimator = EstimatorCatalog.Default.Create(spec);
            using var generator = new Generator((ulong)s.Seed + 1);
            var batched = new TimedCase($"{estimator.Spec} batched", () =>
            {
                using var pass = NewDisposeScope();
                GradientSampler.Sample(estimator, logits, objective, n, generator);
            }, OperationsPerInvocation: n);
            int evaluations = estimator.ObjectiveEvaluations ?? 1;
            long smallBudget = SmallChunk * logits.numel() * evaluations;
            var chunked = new TimedCase($"{estimator.Spec} batched in chunks of {SmallChunk}", () =>
            {
                using var pass = NewDisposeScope();
                GradientSampler.Sample(estimator, logits, objective, n, generator, elementBudget: smallBudget);
            }, OperationsPerInvocation: n);
            var loop = new TimedCase($"{estimator.Spec} looped", () =>
            {
                using var pass = NewDisposeScope();
                for (int i = 0; i < looped; i++)
                {
                    using var one = NewDisposeScope();
                    GradientSampler.Draw(estimator, logits, objective, 1, generator);
                }
            }, OperationsPerInvocation: looped);
            log($"{estimator.Spec}: {n} batched vs {looped} looped estimates per round");
            var samples = InterleavedRunner.Run([batched, chunked, loop], context.SlowPlan, log);

            bool latentGradient = estimator is IRelaxingEstimator;
            var batchedFloor = context.Profiler.Floor(VaeMatmuls.GradientDraw(c, b, n, evaluations, latentGradient));
            int smallChunk = GradientSampler.ChunkSize(estimator, logits, n, smallBudget);
            var chunkedFloor = context.Profiler.Floor(VaeMatmuls.GradientDraw(c, b, smallChunk, evaluations, latentGradient)).Times((double)n / smallChunk);
            var loopedFloor = context.Profiler.Floor(VaeMatmuls.GradientDraw(c, b, 1, evaluations, latentGradient)).Times(n);
            int chunk = GradientSampler.ChunkSize(estimator, logits, n);
            AddRow(table, estimator.Spec, $"batched: Sample({n})", chunk, samples[0], samples[0].RatioTo(samples[2]), batchedFloor, n);
            AddRow(table, estimator.Spec, $"batched: Sample({n}), elementBudget for {smallChunk}", smallChunk, samples[1], samples[1].RatioTo(samples[2]), chunkedFloor, n);
            AddRow(table, estimator.Spec, $"looped: {n} × Draw(1), {looped} timed", 1, samples[2], samples[2].RatioTo(samples[2]), loopedFloor, n);
        }

        var inv = CultureInfo.InvariantCulture;
        table.AddNote(string.Create(inv,
            $"Objective z ↦ model.ReconstructionLoss(images, z, 0) at a fixed, freshly initialised model; latents [n, B, L, C]. " +
            $"batched: GradientSampler.Sample, the replicas stacked along a leading dimension (estimates per pass = its chunk size: the default element budget, " +
            $"then a budget of {SmallChunk}·B·L·C·NFE elements), with its mean/std reduction. " +
            $"looped: GradientSampler.Draw with one sample, one backward pass per estimate; only {looped} passes are timed per round and the time is " +
            $"scaled by {n}/{looped} (times are per {n:N0} estimates in both rows)."));
        table.AddNote("vs looped: batched time over looped time, round by round (below 1: batching is faster). " +
                      "floor: the decoder's forward and input-gradient products on n·B rows (autograd.grad takes no weight gradients); " +
                      "the looped floor is n times the floor of one estimate on B rows.");
        return table;
    }

    private static void AddRow(ReportTable table, string spec, string method, int perPass, TimingSample sample, Distribution ratio,
        FloorEstimate floor, int estimates)
    {
        var t = sample.Seconds.Scale(estimates);
        table.AddRow(spec, method, Cells.Integer(perPass), Cells.Milliseconds(t.Median), Cells.Milliseconds(t.InterquartileRange),
            Cells.Milliseconds(t.LowerQuartile), Cells.Milliseconds(t.UpperQuartile), Cells.Significant(estimates / t.Median),
            Cells.Ratio(ratio), Cells.Milliseconds(floor.Seconds), Cells.Ratio(t.Median / floor.Seconds));
    }
}
