using System.Diagnostics;
using System.Globalization;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>
/// How busy the machine's cores were over an interval, split into this process and everything else (Linux:
/// <c>/proc/stat</c> for all cores, this process's own processor time), so that a report can say whether other work
/// competed with the measurements.
/// </summary>
public sealed class CpuUsageProbe
{
    private readonly long? _busyTicksAtStart;
    private readonly TimeSpan _ownAtStart;
    private readonly long _startTimestamp;

    private CpuUsageProbe()
    {
        _busyTicksAtStart = ReadBusyTicks();
        _ownAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts an interval.</summary>
    public static CpuUsageProbe Start() => new();

    /// <summary>
    /// Ends the interval: average cores kept busy by this process and by all other processes, or null where
    /// <c>/proc/stat</c> is not available.
    /// </summary>
    public (double Own, double Others)? Stop()
    {
        double seconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        long? busyAtEnd = ReadBusyTicks();
        if (_busyTicksAtStart is not long start || busyAtEnd is not long end || seconds <= 0) return null;
        double own = (Process.GetCurrentProcess().TotalProcessorTime - _ownAtStart).TotalSeconds / seconds;
        double all = (end - start) / TicksPerSecond / seconds;
        return (own, Math.Max(0, all - own));
    }

    /// <summary>USER_HZ: the unit of <c>/proc/stat</c>, 100 on every Linux build that matters.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>user + nice + system + irq + softirq + steal over all cores, from the first line of <c>/proc/stat</c>.</summary>
    private static long? ReadBusyTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f[0] != "cpu" || f.Length < 9) return null;
            long Field(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
            return Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
