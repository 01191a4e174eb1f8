using System.Diagnostics;
using System.Globalization;

namespace NotebookExperiments.Benchmarks.Reporting;

/// <summary>
/// How busy the machine's cores were over an interval, split into this process (with the child processes it started and
/// waited for: the shared-machine and jobs sections run their work in children) and everything else (Linux: <c>/proc/stat</c>
/// for all cores, <c>/proc/self/stat</c> for this process), so that a report can say whether other work competed with the
/// measurements.
/// </summary>
internal sealed class CpuUsageProbe
{
    private readonly long? _busyTicksAtStart;
    private readonly TimeSpan _ownAtStart;
    private readonly long _startTimestamp;

    private CpuUsageProbe()
    {
        _busyTicksAtStart = ReadBusyTicks();
        _ownAtStart = OwnTime();
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
        double own = (OwnTime() - _ownAtStart).TotalSeconds / seconds;
        double all = (end - start) / TicksPerSecond / seconds;
        return (own, Math.Max(0, all - own));
    }

    /// <summary>
    /// This process's processor time and that of its children it waited for (<c>/proc/self/stat</c>: utime, stime, cutime, cstime),
    /// or this process's alone where that file is missing.
    /// </summary>
    private static TimeSpan OwnTime()
    {
        try
        {
            if (File.Exists("/proc/self/stat"))
            {
                var text = File.ReadAllText("/proc/self/stat");
                var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                long ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture));
                return TimeSpan.FromSeconds(ticks / TicksPerSecond);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // fall back below
        }
        return Process.GetCurrentProcess().TotalProcessorTime;
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
