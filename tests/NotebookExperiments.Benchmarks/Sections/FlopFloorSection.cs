using System.Globalization;
using NotebookExperiments.Benchmarks.Flops;
using NotebookExperiments.Benchmarks.Reporting;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 1: the throughput of each matrix product of one training step (8×4 VAE, batch 100), measured alone, and the
/// step's FLOP floor, their summed time.
/// </summary>
internal static class FlopFloorSection
{
    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var c = s.Configuration;
        int b = s.BatchSize;
        var step = VaeMatmuls.TrainingStep(c, b, evaluations: 1, latentGradient: true);
        var samples = context.Profiler.Measure(step.Select(t => t.Shape));
        var headline = samples[0];
        double headlineFlops = step[0].Shape.Flops;

        var table = new ReportTable("flop", $"1. FLOP floor: the matrix products of one training step ({c.Name} VAE, batch {b}, {s.Threads} threads)",
        [
            new("product", "product", Numeric: false),
            new("shape", "shape [m,k]·[k,n]", Numeric: false),
            new("mflop", "MFLOP"),
            new("median_ms", "median ms"),
            new("iqr_ms", "IQR ms"),
            new("q1_ms", "q1 ms", JsonOnly: true),
            new("q3_ms", "q3 ms", JsonOnly: true),
            new("gflops", "GFLOP/s"),
            new("vs_headline", $"GFLOP/s vs {step[0].Shape}"),
        ]);
        for (int i = 0; i < step.Count; i++)
        {
            var t = samples[i].Seconds;
            double flops = step[i].Shape.Flops;
            // Throughput relative to the headline product, round by round: (F_i / t_i) / (F_h / t_h).
            var relative = samples[i].RatioTo(headline).Reciprocal(flops / headlineFlops);
            table.AddRow(step[i].Label, step[i].Shape.ToString(), Cells.Significant(flops / 1e6), Cells.Milliseconds(t.Median),
                Cells.Milliseconds(t.InterquartileRange), Cells.Milliseconds(t.LowerQuartile), Cells.Milliseconds(t.UpperQuartile),
                Cells.Significant(flops / t.Median / 1e9), Cells.Ratio(relative));
        }

        var forward = context.Profiler.Floor(VaeMatmuls.Forward(c, b));
        var floor = context.Profiler.Floor(step);
        table.AddRow($"forward, {VaeMatmuls.Forward(c, b).Count} products", "", Cells.Significant(forward.Flops / 1e6),
            Cells.Milliseconds(forward.Seconds), ReportCell.Empty, ReportCell.Empty, ReportCell.Empty,
            Cells.Significant(forward.GflopsPerSecond), ReportCell.Empty);
        table.AddRow($"training step floor, {step.Count} products", "", Cells.Significant(floor.Flops / 1e6),
            Cells.Milliseconds(floor.Seconds), ReportCell.Empty, ReportCell.Empty, ReportCell.Empty,
            Cells.Significant(floor.GflopsPerSecond), ReportCell.Empty);

        long sumInOut = VaeMatmuls.EncoderLayers(c).Concat(VaeMatmuls.DecoderLayers(c)).Sum(l => (long)l.Inputs * l.Outputs);
        var inv = CultureInfo.InvariantCulture;
        table.AddNote("A product [m,k]·[k,n] costs 2·m·k·n FLOPs. A layer in→out on R rows: forward [R,in]·[in,out], weight gradient " +
                      "xᵀ·g [in,R]·[R,out], input gradient g·Wᵀ [R,out]·[out,in], each 2·R·in·out; ᵀ marks an operand that is a transposed view, as autograd passes it.");
        table.AddNote(
            string.Create(inv, $"One step = forward + backward ≈ 3 × forward: forward F = 2·B·Σ in·out = 2·{b}·{sumInOut:N0} = {forward.Flops / 1e6:0.0} MFLOP; ") +
            string.Create(inv, $"step = 3F − 2·B·{c.Pixels}·{c.Hidden1} (the images need no gradient, so encoder1's input gradient is skipped) = {floor.Flops / 1e6:0.0} MFLOP. ") +
            "With E objective evaluations per example (REINFORCE: E = M), the decoder's three products run on E·B rows; without a gradient " +
            "through the latent (REINFORCE, exact), decoder1's input gradient is skipped too.");
        double headlineRate = headlineFlops / headline.Seconds.Median;
        table.AddNote(
            "Floor = the sum of the products' median times, each measured alone on preallocated operands (out.addmm_(a, b, beta: 0), warm caches): " +
            string.Create(inv, $"{floor.Seconds * 1e3:0.00} ms per step, {floor.GflopsPerSecond:0.0} GFLOP/s on average; at the {step[0].Shape} rate alone ") +
            string.Create(inv, $"({headlineRate / 1e9:0.0} GFLOP/s) it would be {floor.Flops / headlineRate * 1e3:0.00} ms. ") +
            "Bias additions, activations, the loss, the estimator's element-wise work and Adam are not in the floor.");
        table.AddNote("Ratios are computed round by round (each round times every product back to back) and shown as median (interquartile range).");
        return table;
    }
}
