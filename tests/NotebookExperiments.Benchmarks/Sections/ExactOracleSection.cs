using System.Globalization;
using NotebookExperiments.Benchmarks.Flops;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Timing;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Sections;

/// <summary>
/// Section 3: the exact encoder-logit gradient of one batch by enumeration (<see cref="VaeExactOracle.Compute"/>, 8×4:
/// 4096 states, batch 100) against its FLOP floor, with the floor's products listed.
/// </summary>
internal static class ExactOracleSection
{
    /// <summary>Runs the section.</summary>
    public static ReportTable Run(BenchmarkContext context)
    {
        var s = context.Settings;
        var c = s.Configuration;
        int b = s.BatchSize;
        using var generator = new Generator((ulong)s.Seed);
        using var model = new CategoricalVae(c, [generator]);
        using var scope = NewDisposeScope();
        var x = context.Images.Batch(0, 1, b);
        Tensor logits;
        using (no_grad()) logits = model.EncoderLogits(x)[0];
        var images = x[0];
        var oracle = new TimedCase("VaeExactOracle.Compute", () =>
        {
            using var step = NewDisposeScope();
            VaeExactOracle.Compute(model, images, logits);
        });
        var sample = InterleavedRunner.Run([oracle], context.FastPlan, context.LogFor("oracle"))[0];

        var terms = VaeMatmuls.ExactOracle(c, b);
        var floor = context.Profiler.Floor(terms);
        var products = context.Profiler.Measure(terms.Select(t => t.Shape));
        var table = new ReportTable("oracle", $"3. Exact oracle: VaeExactOracle.Compute ({c.Name}: {c.States:0} states, batch {b}, {s.Threads} threads)",
        [
            new("what", "what", Numeric: false),
            new("shape", "shape [m,k]·[k,n]", Numeric: false),
            new("gflop", "GFLOP"),
            new("median_ms", "median ms"),
            new("iqr_ms", "IQR ms"),
            new("q1_ms", "q1 ms", JsonOnly: true),
            new("q3_ms", "q3 ms", JsonOnly: true),
            new("gflops", "GFLOP/s"),
            new("vs_floor", "× floor"),
        ]);
        var t = sample.Seconds;
        table.AddRow("VaeExactOracle.Compute", "", Cells.Significant(floor.Flops / 1e9), Cells.Milliseconds(t.Median), Cells.Milliseconds(t.InterquartileRange),
            Cells.Milliseconds(t.LowerQuartile), Cells.Milliseconds(t.UpperQuartile), Cells.Significant(floor.Flops / t.Median / 1e9),
            Cells.Ratio(t.Median / floor.Seconds));
        table.AddRow("floor: sum of the products below", "", Cells.Significant(floor.Flops / 1e9), Cells.Milliseconds(floor.Seconds), ReportCell.Empty,
            ReportCell.Empty, ReportCell.Empty, Cells.Significant(floor.GflopsPerSecond), Cells.Ratio(1));
        for (int i = 0; i < terms.Count; i++)
        {
            var p = products[i].Seconds;
            table.AddRow($"· {terms[i].Label}", terms[i].Shape.ToString(), Cells.Significant(terms[i].Shape.Flops / 1e9), Cells.Milliseconds(p.Median),
                Cells.Milliseconds(p.InterquartileRange), Cells.Milliseconds(p.LowerQuartile), Cells.Milliseconds(p.UpperQuartile),
                Cells.Significant(terms[i].Shape.Flops / p.Median / 1e9), ReportCell.Empty);
        }
        var inv = CultureInfo.InvariantCulture;
        table.AddNote(string.Create(inv,
            $"FLOPs: the decoder on all S = C^L = {c.States:0} states, 2·S·({c.LatentWidth}·{c.Hidden2} + {c.Hidden2}·{c.Hidden1} + {c.Hidden1}·{c.Pixels}) (float32, no gradient); " +
            $"the loss table X·Aᵀ, 2·B·{c.Pixels}·S (float64); the log-probability table log π·statesᵀ and its gradient, 2 × 2·B·{c.LatentWidth}·S (float64)."));
        table.AddNote("The oracle also computes softplus over [S, 784] and element-wise float64 work over [B, S]; the floor counts products only. " +
                      "× floor = median / floor. One call = one batch's exact gradient, the reference of the bias/variance study.");
        return table;
    }
}
