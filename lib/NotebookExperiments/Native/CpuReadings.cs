using System.Globalization;

namespace NotebookExperiments.Native;

/// <summary>
/// Cumulative processor time: the busy time of the cores this process may run on, and the time used by given processes. What
/// <see cref="CpuLoadMeter"/> turns into "cores kept busy by other processes"; tests give their own readings.
/// </summary>
public interface ICpuReadings
{
    /// <summary>The cores this process may run on.</summary>
    int Cores { get; }

    /// <summary>Seconds the cores this process may run on have been busy (every process, since boot), or null where unknown.</summary>
    double? BusySeconds();

    /// <summary>Seconds of processor time used by process <paramref name="processId"/> so far, or null when it is gone or unknown.</summary>
    double? ProcessSeconds(int processId);
}

/// <summary>
/// <see cref="ICpuReadings"/> from Linux's <c>/proc</c>: <c>/proc/stat</c>'s per-core lines (user, nice, system, irq, softirq and
/// steal time: a virtual machine's core taken by its host counts as busy) for the cores in this process's affinity mask, and
/// <c>/proc/&lt;pid&gt;/stat</c>'s user and system time. Elsewhere every reading is null, and no load is ever seen.
/// </summary>
internal sealed class ProcCpuReadings : ICpuReadings
{
    /// <summary>USER_HZ, the unit of <c>/proc</c>'s times: 100 on every Linux build that matters.</summary>
    public const double TicksPerSecond = 100;

    private readonly HashSet<int>? _cpus = AllowedCpus();

    /// <summary>The machine's readings, shared.</summary>
    public static ProcCpuReadings Machine { get; } = new();

    /// <inheritdoc />
    public int Cores => _cpus?.Count ?? Environment.ProcessorCount;

    /// <inheritdoc />
    public double? BusySeconds()
    {
        try
        {
            if (!File.Exists("/proc/stat")) return null;
            long ticks = 0;
            bool any = false;
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                if (!line.StartsWith("cpu", StringComparison.Ordinal)) break;
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f[0] == "cpu" || f.Length < 9) continue;
                if (_cpus is not null && !_cpus.Contains(int.Parse(f[0].AsSpan(3), CultureInfo.InvariantCulture))) continue;
                long Field(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
                ticks += Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
                any = true;
            }
            return any ? ticks / TicksPerSecond : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public double? ProcessSeconds(int processId)
    {
        try
        {
            var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
            if (!File.Exists(path)) return null;
            var text = File.ReadAllText(path);
            // The command name (field 2) is in parentheses and may hold spaces: the fields after its closing parenthesis start at 3.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The cores of this process's affinity mask (<c>Cpus_allowed_list</c> of <c>/proc/self/status</c>), or null where unknown.</summary>
    public static HashSet<int>? AllowedCpus()
    {
        try
        {
            if (!File.Exists("/proc/self/status")) return null;
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            return line is null ? null : ParseCpuList(line["Cpus_allowed_list:".Length..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Parses a kernel CPU list such as <c>0-3,8,10-11</c>.</summary>
    /// <exception cref="FormatException">Not a CPU list.</exception>
    public static HashSet<int> ParseCpuList(string text)
    {
        var cpus = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            int first = int.Parse(range[0], CultureInfo.InvariantCulture);
            int last = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
            if (range.Length > 2 || last < first) throw new FormatException($"Not a CPU range: '{part}'.");
            for (int c = first; c <= last; c++) cpus.Add(c);
        }
        return cpus;
    }
}

/// <summary>One reading of how busy the cores were over an interval.</summary>
/// <param name="Seconds">The interval.</param>
/// <param name="Cores">The cores this process may run on.</param>
/// <param name="Ours">Cores kept busy, on average, by the processes counted as ours (this one and the holders of leases).</param>
/// <param name="Others">Cores kept busy, on average, by every other process.</param>
public sealed record CpuLoad(double Seconds, int Cores, double Ours, double Others);

/// <summary>
/// Measures the load of other processes on this process's cores between two calls: the cores' busy time less the time of the
/// processes counted as ours, over the wall-clock time between the readings.
/// </summary>
/// <param name="readings">The source of processor times.</param>
/// <param name="clock">Seconds on a monotonic clock.</param>
public sealed class CpuLoadMeter(ICpuReadings readings, Func<double> clock)
{
    private double _time = double.NaN;
    private double? _busy;
    private Dictionary<int, double> _processes = [];

    /// <summary>A meter of this machine on the system's monotonic clock.</summary>
    public static CpuLoadMeter ForMachine() => new(ProcCpuReadings.Machine, () => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>The readings' cores.</summary>
    public int Cores => readings.Cores;

    /// <summary>
    /// Reads now and returns the load since the previous call, or null on the first call, when the readings are unknown, when too
    /// little time has passed, or when the processes counted as ours changed (their time before the change is unknown).
    /// </summary>
    /// <param name="ours">The processes counted as ours (this one is always included).</param>
    public CpuLoad? Read(IEnumerable<int> ours)
    {
        double now = clock();
        double? busy = readings.BusySeconds();
        var processes = new Dictionary<int, double>();
        foreach (int pid in ours.Append(Environment.ProcessId).Distinct())
            if (readings.ProcessSeconds(pid) is double seconds) processes[pid] = seconds;
        double interval = now - _time;
        CpuLoad? load = null;
        if (_busy is double before && busy is double after && interval > 0.05 && processes.Keys.ToHashSet().SetEquals(_processes.Keys))
        {
            double oursBusy = processes.Sum(p => Math.Max(0, p.Value - _processes[p.Key])) / interval;
            double all = Math.Max(0, after - before) / interval;
            load = new CpuLoad(interval, readings.Cores, oursBusy, Math.Max(0, all - oursBusy));
        }
        (_time, _busy, _processes) = (now, busy, processes);
        return load;
    }
}
