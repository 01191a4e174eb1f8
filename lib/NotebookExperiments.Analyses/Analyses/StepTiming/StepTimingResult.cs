using Microsoft.Data.Analysis;

namespace NotebookExperiments.Analyses;

/// <summary>The one unit of the step timing: every estimator's row, and where it was measured.</summary>
/// <param name="Rows">One row per estimator, in the parameters' order.</param>
/// <param name="Device">The device, e.g. <c>cpu</c> or <c>cuda:0</c>.</param>
/// <param name="Hardware">What ran it: the processor's model and core count, or the CUDA device.</param>
/// <param name="Threads">TorchSharp's intra-op threads during the timing.</param>
public sealed record StepTimingUnit(IReadOnlyList<StepTimingRow> Rows, string Device, string Hardware, int Threads);

/// <summary>One estimator's timing (<see cref="StepTimingResult.Table"/>'s columns).</summary>
public sealed record StepTimingRow(string Estimator, string Spec, int Nfe, double MedianMs, double Q1Ms, double Q3Ms, double VsSt, double VsStQ1,
    double VsStQ3, double SamplesPerS, int Rounds, int PassesPerBlock);

/// <summary>The step timing of one machine: the table and how it was measured.</summary>
/// <param name="Table">One row per estimator, in the order of the parameters: <c>estimator</c> (title), <c>spec</c>, <c>nfe</c>
/// (evaluations of the decoder per example), <c>median_ms</c>, <c>q1_ms</c>, <c>q3_ms</c> (milliseconds per forward–backward pass
/// over the rounds), <c>vs_st</c>, <c>vs_st_q1</c>, <c>vs_st_q3</c> (this estimator's time over ST's, round by round: median and
/// quartiles), <c>samples_per_s</c> (batch size / median), <c>rounds</c>, <c>passes_per_block</c>.</param>
/// <param name="Device">The device, e.g. <c>cpu</c> or <c>cuda:0</c>.</param>
/// <param name="Hardware">What ran it: the processor's model and core count, or the CUDA device.</param>
/// <param name="Threads">TorchSharp's intra-op threads during the timing.</param>
/// <param name="Parameters">The parameters timed.</param>
public sealed record StepTimingResult(DataFrame Table, string Device, string Hardware, int Threads, StepTimingParameters Parameters)
{
    /// <summary>
    /// One line for chart subtitles and captions: what was timed and where, how the numbers are summarised, and that the ZGR paper's
    /// milliseconds (a GPU with CUDA graphs) are not comparable with these.
    /// </summary>
    public string Describe() =>
        $"{Parameters.Preset} preset: {Parameters.Configuration} VAE, batch {Parameters.BatchSize}, {Hardware}, {Phrases.Count(Threads, "thread")}; " +
        $"median (whiskers: quartiles) of {Phrases.Count(Parameters.Plan.Rounds, "interleaved round")}; the paper's times are a Tesla P100's with " +
        "CUDA graphs: compare shapes, not milliseconds";
}

