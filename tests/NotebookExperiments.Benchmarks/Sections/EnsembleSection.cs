using System.Globalization;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Benchmarks.Timing;
using NotebookExperiments.Estimators;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 5: the β sweep's 29 ReinMax-RK2 members trained as one stacked ensemble (one <see cref="Trainer"/> with 29 members,
/// x <c>[29, 100, 784]</c>) versus 29 separate single-member trainers stepped one after the other.
/// </summary>
public static class EnsembleSection
{
    /// <summary>The β of member i: −0.2 + 0.05·i.</summary>
    public static double Beta(int member) => Math.Round(-0.2 + 0.05 * member, 2);

    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var c = s.Configuration;
        int b = s.BatchSize, m = s.EnsembleMembers;
        var members = Enumerable.Range(0, m)
            .Select(i => new TrainingMember(string.Create(CultureInfo.InvariantCulture, $"reinmax-rk2:beta={Beta(i)}"), TrainingStepSection.LearningRate, s.Seed + i))
            .ToList();
        var options = new TrainingOptions(c, OptimizerKind.Adam, Epochs: 1, BatchSize: b);
        using var ensemble = new Trainer(options, members);
        using var referenceEnsemble = new Trainer(options with { Kernels = StepKernels.Reference }, members);
        var singles = members.Select(member => new Trainer(options, [member])).ToList();
        try
        {
            using var views = NewDisposeScope();
            var x = context.Images.Batch(0, m, b);
            var rows = Enumerable.Range(0, m).Select(i => x.narrow(0, i, 1)).ToList();
            var stacked = new TimedCase($"ensemble of {m}", () =>
            {
                using var step = NewDisposeScope();
                ensemble.Step(x);
            }, OperationsPerInvocation: m);
            var sequential = new TimedCase($"{m} single models", () =>
            {
                using var step = NewDisposeScope();
                for (int i = 0; i < m; i++) singles[i].Step(rows[i]);
            }, OperationsPerInvocation: m);
            var referenceStacked = new TimedCase($"ensemble of {m} (reference step)", () =>
            {
                using var step = NewDisposeScope();
                referenceEnsemble.Step(x);
            }, OperationsPerInvocation: m);
            var samples = InterleavedRunner.Run([stacked, sequential, referenceStacked], context.FastPlan, context.LogFor("ensemble"));

            var floor = context.Profiler.Floor(TrainingStepSection.StepTerms(context, EstimatorCatalog.Default.Create(members[0].Estimator))).Times(m);
            var table = new ReportTable("ensemble", $"4. Ensemble: {m} members (ReinMax-RK2 β sweep) per step ({c.Name} VAE, batch {b} each, {s.Threads} threads)",
            [
                new("method", "method", Numeric: false),
                new("median_ms", $"median ms per {m} member-steps"),
                new("iqr_ms", "IQR ms"),
                new("q1_ms", "q1 ms", JsonOnly: true),
                new("q3_ms", "q3 ms", JsonOnly: true),
                new("samples_per_s", "samples/s"),
                new("vs_sequential", "vs sequential"),
                new("floor_ms", "floor ms"),
                new("vs_floor", "× floor"),
            ]);
            AddRow(table, $"ensemble: 1 Trainer, {m} members, x [{m}, {b}, 784]", samples[0], samples[0].RatioTo(samples[1]), floor.Seconds, m, b);
            AddRow(table, $"sequential: {m} Trainers, 1 member each", samples[1], samples[1].RatioTo(samples[1]), floor.Seconds, m, b);
            AddRow(table, $"ensemble, reference step (StepKernels.Reference)", samples[2], samples[2].RatioTo(samples[1]), floor.Seconds, m, b);
            double sequentialMedian = samples[1].Seconds.Scale(m).Median;
            double bound = sequentialMedian / floor.Seconds;
            table.AddNote(string.Create(CultureInfo.InvariantCulture,
                $"Members: reinmax-rk2:beta=β for β = −0.2, −0.15, …, 1.2, each with its own seed; samples/s = {m}·{b} / median. " +
                $"vs sequential: the ensemble's time over the {m} single steps', round by round (below 1: the ensemble is faster). " +
                $"floor: {m} × one member's step floor (section 1)."));
            double gain = sequentialMedian / samples[0].Seconds.Scale(m).Median;
            table.AddNote(string.Format(CultureInfo.InvariantCulture,
                "Bound: no schedule of these products beats the floor, so an ensemble gains at most sequential / floor = {0:0.00}× " +
                "in throughput on this machine (the ensemble above: {1:0.00}×). The members share no products (each has its own " +
                "weights and data order), and a single 8×4 model already runs its products near the machine's GEMM rate.", bound, gain));
            return table;
        }
        finally
        {
            foreach (var t in singles) t.Dispose();
        }
    }

    private static void AddRow(ReportTable table, string method, TimingSample sample, Distribution ratio, double floorSeconds, int members, int batch)
    {
        var t = sample.Seconds.Scale(members);
        table.AddRow(method, Cells.Milliseconds(t.Median), Cells.Milliseconds(t.InterquartileRange), Cells.Milliseconds(t.LowerQuartile),
            Cells.Milliseconds(t.UpperQuartile), Cells.Significant(members * batch / t.Median), Cells.Ratio(ratio),
            Cells.Milliseconds(floorSeconds), Cells.Ratio(t.Median / floorSeconds));
    }
}
