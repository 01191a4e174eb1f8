using NotebookExperiments.Benchmarks.Flops;
using System.Globalization;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Timing;
using NotebookExperiments.Estimators;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 5: the β sweep's 29 ReinMax-RK2 members trained as one stacked ensemble (one <see cref="Trainer"/> with 29 members,
/// x <c>[29, 100, 784]</c>) versus 29 separate single-member trainers stepped one after the other.
/// </summary>
internal static class EnsembleSection
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
        using var floor = MatmulProfiler.CreateFloorCase($"floor, {m} member steps",
            TrainingStepSection.StepTerms(context, EstimatorCatalog.Default.Create(members[0].Estimator)), repetitions: m);
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
            var samples = InterleavedRunner.Run([stacked, sequential, referenceStacked, floor.Case], context.FastPlan, context.LogFor("ensemble"));
            var floorSample = samples[3];
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
            AddRow(table, $"ensemble: 1 Trainer, {m} members, x [{m}, {b}, 784]", samples[0], samples[1], floorSample, m, b);
            AddRow(table, $"sequential: {m} Trainers, 1 member each", samples[1], samples[1], floorSample, m, b);
            AddRow(table, $"ensemble, reference step (StepKernels.Reference)", samples[2], samples[1], floorSample, m, b);
            var bound = samples[1].RatioTo(floorSample);           // sequential / floor, round by round
            var gain = samples[1].RatioTo(samples[0]);             // sequential / ensemble
            double warmFloor = m * context.Profiler.Floor(TrainingStepSection.StepTerms(context, EstimatorCatalog.Default.Create(members[0].Estimator))).Seconds;
            double warmBound = samples[1].Seconds.Scale(m).Median / warmFloor;
            table.AddNote(string.Create(CultureInfo.InvariantCulture,
                $"Members: reinmax-rk2:beta=β for β = −0.2, −0.15, …, 1.2, each with its own seed; samples/s = {m}·{b} / median. " +
                $"vs sequential: the ensemble's time over the {m} single steps', round by round (below 1: the ensemble is faster). " +
                $"floor: the products of {m} member steps (section 1's, {m} times over), timed as a case of the same rounds; × floor: " +
                $"time over the floor's, round by round."));
            table.AddNote(string.Format(CultureInfo.InvariantCulture,
                "Bound: no schedule of these products beats the floor, so an ensemble gains at most sequential / floor = {0:0.00}× " +
                "({1:0.00}–{2:0.00}) in throughput on this machine ({6:0.00}× against section 1's warm floor, {7:0.0} ms); the ensemble " +
                "above gains {3:0.00}× ({4:0.00}–{5:0.00}). The members share no products (each has its own weights and data order), " +
                "and a single 8×4 model already runs its products near the machine's GEMM rate.",
                bound.Median, bound.LowerQuartile, bound.UpperQuartile, gain.Median, gain.LowerQuartile, gain.UpperQuartile, warmBound, warmFloor * 1e3));
            return table;
        }
        finally
        {
            foreach (var t in singles) t.Dispose();
        }
    }

    private static void AddRow(ReportTable table, string method, TimingSample sample, TimingSample sequential, TimingSample floor, int members, int batch)
    {
        var t = sample.Seconds.Scale(members);
        table.AddRow(method, Cells.Milliseconds(t.Median), Cells.Milliseconds(t.InterquartileRange), Cells.Milliseconds(t.LowerQuartile),
            Cells.Milliseconds(t.UpperQuartile), Cells.Significant(members * batch / t.Median), Cells.Ratio(sample.RatioTo(sequential)),
            Cells.Milliseconds(floor.Seconds.Scale(members).Median), Cells.Ratio(sample.RatioTo(floor)));
    }
}
