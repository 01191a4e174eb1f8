using System.Globalization;
using NotebookExperiments.Benchmarks.Flops;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Timing;
using NotebookExperiments.Estimators;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 2: one training step (<see cref="Trainer.Step"/>, a single member, batch 100) per estimator: time, samples per
/// second, ratio to ST timed in the same rounds, and ratio to the step's FLOP floor.
/// </summary>
internal static class TrainingStepSection
{
    /// <summary>The learning rate of the timed trainers (any value; it does not change the work).</summary>
    public const double LearningRate = 1e-3;

    /// <summary>Distinct batches the steps cycle through.</summary>
    private const int Batches = 10;

    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var c = s.Configuration;
        int b = s.BatchSize;
        var log = context.LogFor("steps");
        var estimators = s.Estimators.Select(EstimatorCatalog.Default.Create).ToList();
        var options = new TrainingOptions(c, OptimizerKind.Adam, Epochs: 1, BatchSize: b);
        var trainers = estimators.Select(e => new Trainer(options, [new TrainingMember(e.Spec, LearningRate, s.Seed)])).ToList();
        var labels = estimators.Select(e => e.Spec).ToList();
        // The baseline's step once more with the reference kernels (autograd's bmm backward, Adam in tensor operations).
        int reference = estimators.FindIndex(e => e is StraightThrough);
        if (reference >= 0)
        {
            estimators.Add(estimators[reference]);
            trainers.Add(new Trainer(options with { Kernels = StepKernels.Reference }, [new TrainingMember(estimators[reference].Spec, LearningRate, s.Seed)]));
            labels.Add(estimators[reference].Spec + " (reference step)");
        }
        // Each distinct floor (by NFE and latent gradient) as a case of the same rounds, so that × floor is a ratio per round.
        var floorKeys = estimators.Select(e => (Evaluations: e.ObjectiveEvaluations ?? 1, LatentGradient: e is IRelaxingEstimator)).ToList();
        var distinctKeys = floorKeys.Distinct().ToList();
        var floors = distinctKeys.Select(k => MatmulProfiler.CreateFloorCase($"floor, NFE {k.Evaluations}",
            VaeMatmuls.TrainingStep(c, b, k.Evaluations, k.LatentGradient))).ToList();
        try
        {
            using var views = NewDisposeScope();
            var batches = Enumerable.Range(0, Batches).Select(i => context.Images.Batch(i, 1, b)).ToList();
            var cases = trainers.Select((trainer, i) =>
            {
                int next = 0;
                return new TimedCase(labels[i], () =>
                {
                    using var scope = NewDisposeScope();
                    trainer.Step(batches[next++ % batches.Count]);
                });
            }).ToList();
            var samples = InterleavedRunner.Run([.. cases, .. floors.Select(f => f.Case)], context.FastPlan, log);
            var floorSamples = floorKeys.Select(k => samples[cases.Count + distinctKeys.IndexOf(k)]).ToList();
            int baseline = Math.Max(0, estimators.FindIndex(e => e is StraightThrough));
            string baselineName = estimators[baseline].Spec;

            var table = new ReportTable("steps", $"2. Training step per estimator ({c.Name} VAE, batch {b}, 1 member, Adam, {s.Threads} threads)",
            [
                new("estimator", "estimator", Numeric: false),
                new("nfe", "NFE"),
                new("median_ms", "median ms"),
                new("iqr_ms", "IQR ms"),
                new("q1_ms", "q1 ms", JsonOnly: true),
                new("q3_ms", "q3 ms", JsonOnly: true),
                new("samples_per_s", "samples/s"),
                new("vs_baseline", $"vs {baselineName}"),
                new("floor_ms", "floor ms"),
                new("vs_floor", "× floor"),
                new("warm_floor_ms", "warm floor ms"),
                new("vs_warm_floor", "× warm floor"),
            ]);
            for (int i = 0; i < estimators.Count; i++)
            {
                var e = estimators[i];
                var t = samples[i].Seconds;
                var floor = floorSamples[i];
                var warm = context.Profiler.Floor(StepTerms(context, e));
                table.AddRow(labels[i], Cells.Integer(e.ObjectiveEvaluations ?? 0), Cells.Milliseconds(t.Median), Cells.Milliseconds(t.InterquartileRange),
                    Cells.Milliseconds(t.LowerQuartile), Cells.Milliseconds(t.UpperQuartile), Cells.Significant(b / t.Median),
                    Cells.Ratio(samples[i].RatioTo(samples[baseline])), Cells.Milliseconds(floor.Seconds.Median), Cells.Ratio(samples[i].RatioTo(floor)),
                    Cells.Milliseconds(warm.Seconds), Cells.Ratio(t.Median / warm.Seconds));
            }

            var inv = CultureInfo.InvariantCulture;
            var st = context.Profiler.Floor(VaeMatmuls.TrainingStep(c, b, 1, latentGradient: true));
            var exactTerms = VaeMatmuls.TrainingStep(c, b, checked((int)c.States), latentGradient: false);
            double exactFlops = exactTerms.Sum(t => t.Shape.Flops);
            table.AddNote("One step = encoder forward, estimator, decoder, loss, backward, Adam update, through the public Trainer.Step on x [1, B, 784], " +
                          "in its own dispose scope; batches cycle through 10 fixed batches. samples/s = B / median.");
            table.AddNote($"vs {baselineName}: this estimator's time over {baselineName}'s, round by round, median (interquartile range). " +
                          "floor: the FLOP floor of this estimator's step (section 1's products with its NFE), timed as a case of the same " +
                          "rounds (every product once, on preallocated operands); × floor: the step's time over the floor's, round by round. " +
                          "warm floor: section 1's sum of the products each timed alone with warm caches (stricter, but timed at another " +
                          "moment); × warm floor = median / warm floor.");
            if (reference >= 0)
                table.AddNote($"{baselineName} (reference step): the same step with StepKernels.Reference — autograd's formulas for bmm (weight " +
                              "gradients allocated and then added into .grad) and Adam in eight tensor operations — against the default " +
                              "fused step (the layers' own backward node, gradients accumulated in place, the one-pass host Adam kernel).");
            table.AddNote(
                string.Create(inv, $"exact is left out: it evaluates the decoder on all C^L = {c.States:0} states per example (NFE {c.States:0}), ") +
                string.Create(inv, $"{exactFlops / 1e9:0} GFLOP per step, ≈ {exactFlops / (st.Flops / st.Seconds):0.0} s at the ST step's floor rate; ") +
                "section 3 times the factorised exact gradient (VaeExactOracle) instead.");
            return table;
        }
        finally
        {
            foreach (var t in trainers) t.Dispose();
            foreach (var f in floors) f.Dispose();
        }
    }

    /// <summary>The matrix products of one step with this estimator.</summary>
    public static IReadOnlyList<MatmulTerm> StepTerms(BenchmarkContext context, IGradientEstimator estimator) =>
        VaeMatmuls.TrainingStep(context.Settings.Configuration, context.Settings.BatchSize, estimator.ObjectiveEvaluations ?? 1,
            latentGradient: estimator is IRelaxingEstimator);
}
