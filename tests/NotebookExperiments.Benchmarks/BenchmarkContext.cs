using System.Diagnostics;
using NotebookExperiments.Benchmarks.Flops;
using NotebookExperiments.Timing;

namespace NotebookExperiments.Benchmarks;

/// <summary>What every section shares: the settings, the images, the matrix-product timings and the progress log.</summary>
internal sealed class BenchmarkContext
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <param name="settings">The settings.</param>
    /// <param name="images">The image pool.</param>
    /// <param name="progress">Receives progress lines (standard error, so that markdown and JSON stay clean).</param>
    public BenchmarkContext(BenchmarkSettings settings, BenchmarkImages images, TextWriter progress)
    {
        Settings = settings;
        Images = images;
        Progress = progress;
        Profiler = new MatmulProfiler(settings.Quick ? RunPlan.FastQuick : RunPlan.Matmul, message => Log("matmul", message));
    }

    /// <summary>The settings.</summary>
    public BenchmarkSettings Settings { get; }

    /// <summary>The image pool.</summary>
    public BenchmarkImages Images { get; }

    /// <summary>Matrix-product timings by shape, shared so that each shape is measured once per run.</summary>
    public MatmulProfiler Profiler { get; }

    /// <summary>Where progress goes.</summary>
    public TextWriter Progress { get; }

    /// <summary>The plan for work of milliseconds per invocation.</summary>
    public RunPlan FastPlan => Settings.Quick ? RunPlan.FastQuick : RunPlan.Fast;

    /// <summary>The plan for work of a second or more per invocation.</summary>
    public RunPlan SlowPlan => Settings.Quick ? RunPlan.SlowQuick : RunPlan.Slow;

    /// <summary>Writes a progress line, stamped with the time since the start.</summary>
    public void Log(string section, string message) =>
        Progress.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {section}: {message}");

    /// <summary>A log callback for one section.</summary>
    public Action<string> LogFor(string section) => message => Log(section, message);
}
