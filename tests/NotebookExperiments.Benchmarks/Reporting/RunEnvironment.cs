using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>Where and when a benchmark ran: what a reader needs to judge its numbers.</summary>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Cores">Logical processors visible to the process.</param>
/// <param name="Threads">TorchSharp intra-op threads.</param>
/// <param name="Processor">The CPU model, when the system says.</param>
/// <param name="OperatingSystem">The OS description.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="TorchSharpVersion">The TorchSharp assembly's version.</param>
/// <param name="Data">What the images are.</param>
/// <param name="Mode">full or quick.</param>
/// <param name="LoadAverageAtStart">The 1-minute load average when the run started (Linux; null elsewhere).</param>
internal sealed record RunEnvironment(DateTimeOffset StartedUtc, int Cores, int Threads, string? Processor, string OperatingSystem,
    string Runtime, string TorchSharpVersion, string Data, string Mode, double? LoadAverageAtStart)
{
    /// <summary>The 1-minute load average when the run finished (Linux; null elsewhere).</summary>
    public double? LoadAverageAtEnd { get; set; }

    /// <summary>Describes this process and machine.</summary>
    public static RunEnvironment Capture(int threads, string data, bool quick) => new(
        DateTimeOffset.UtcNow, Environment.ProcessorCount, threads, ReadProcessor(), RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, TorchSharpAssemblyVersion(), data, quick ? "quick" : "full", ReadLoadAverage());

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>, or null when not available.</summary>
    public static double? ReadLoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>One line for a human, e.g. for the top of the markdown output.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string load = LoadAverageAtStart is double a
            ? string.Create(c, $"; load average {a:0.00} at start, {(LoadAverageAtEnd is double b ? b.ToString("0.00", c) : "?")} at end")
            : "";
        return string.Create(c,
            $"{StartedUtc:yyyy-MM-dd HH:mm} UTC, {Processor ?? "unknown CPU"}, {Cores} logical cores, {Threads} TorchSharp threads, " +
            $"{OperatingSystem}, {Runtime}, TorchSharp {TorchSharpVersion}; data: {Data}; {Mode} run{load}");
    }

    private static string? ReadProcessor()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string TorchSharpAssemblyVersion()
    {
        var assembly = typeof(torch).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return (informational ?? assembly.GetName().Version?.ToString() ?? "?").Split('+')[0];
    }
}
