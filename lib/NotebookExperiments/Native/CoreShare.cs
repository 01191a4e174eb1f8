using System.Globalization;

namespace NotebookExperiments.Native;

/// <summary>What a process's share of the cores was at its last check.</summary>
/// <param name="Threads">The threads it runs now.</param>
/// <param name="NominalThreads">The threads it would run alone.</param>
/// <param name="Cores">The cores it may run on.</param>
/// <param name="OtherRuns">Other runs of ours active on the machine (the other leases).</param>
/// <param name="OthersBusy">Cores kept busy by other processes over the last interval, or null when not measured yet.</param>
/// <param name="Fixed">Whether the count is the user's (then it never changes).</param>
public sealed record CoreShareState(int Threads, int NominalThreads, int Cores, int OtherRuns, double? OthersBusy, bool Fixed)
{
    /// <summary>The load of other processes, in cores, below which <see cref="Describe"/> does not name it.</summary>
    public const double NoticeableLoad = 0.25;

    /// <summary>Whether the process runs fewer threads than alone, or shares its cores with others.</summary>
    public bool Shared => OtherRuns > 0 || ThreadShare.CoresTakenByOthers(OthersBusy ?? 0, Cores) > 0;

    /// <summary>
    /// What the cores are doing besides this run, for people, e.g. <c>1 of 2 threads: 1 other run here, other processes keep 1.3 of
    /// 2 cores busy</c>; empty when no other run is active and other processes keep less than <see cref="NoticeableLoad"/> busy.
    /// </summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (OtherRuns > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{OtherRuns} other run{(OtherRuns == 1 ? "" : "s")} here"));
        if (OthersBusy is double busy && busy >= NoticeableLoad)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"other processes keep {busy:0.0} of {Cores} cores busy"));
        if (parts.Count == 0) return "";
        var threads = Fixed
            ? string.Create(CultureInfo.InvariantCulture, $"{Threads} thread{(Threads == 1 ? "" : "s")} (fixed)")
            : string.Create(CultureInfo.InvariantCulture, $"{Threads} of {NominalThreads} thread{(NominalThreads == 1 ? "" : "s")}");
        return threads + ": " + string.Join(", ", parts);
    }
}

/// <summary>
/// A process's lease on the machine's cores (<see cref="CoreLeases"/>) and the thread count it takes from it, checked again at most
/// once per <see cref="IntervalSeconds"/> when the computing loops call <see cref="Poll"/> between steps.
/// </summary>
/// <remarks>
/// Each check marks the lease active, reads the other active leases and the load other processes put on the cores since the last
/// check (<see cref="CpuLoadMeter"/>), and computes the share (<see cref="ThreadShare"/>). A share that falls is taken at once; one
/// that rises is taken when two checks in a row agree, so that a moment of quiet (a peer writing its files) does not make the
/// runs crowd the cores again. A fixed count never changes; its lease only tells the other runs how many cores it holds.
/// </remarks>
internal sealed class CoreShare : IDisposable
{
    /// <summary>The shortest time between two checks.</summary>
    public const double IntervalSeconds = 1.0;

    private readonly CoreLeases _leases;
    private readonly CpuLoadMeter _meter;
    private readonly Func<double> _clock;
    private CoreLeases.Lease _lease;
    private double _lastCheck = double.NegativeInfinity;
    private int? _rising;
    private double? _othersBusy;

    /// <summary>Takes a lease under <paramref name="policy"/> and checks the share once.</summary>
    /// <param name="policy">Fixed or shared, and the nominal count.</param>
    /// <param name="leases">The folder of leases.</param>
    /// <param name="meter">Measures other processes' load on the cores.</param>
    /// <param name="clock">Seconds on a monotonic clock.</param>
    /// <param name="cores">The cores of this process.</param>
    public CoreShare(ThreadPolicy policy, CoreLeases leases, CpuLoadMeter meter, Func<double> clock, int cores)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), cores, "At least one core.");
        Policy = policy;
        _leases = leases;
        _meter = meter;
        _clock = clock;
        Cores = cores;
        _lease = leases.Take(policy.FixedThreads);
        Threads = policy.FixedThreads ?? Math.Min(policy.NominalThreads, cores);
        Check();
    }

    /// <summary>The policy.</summary>
    public ThreadPolicy Policy { get; private set; }

    /// <summary>The cores of this process.</summary>
    public int Cores { get; }

    /// <summary>The threads to run now.</summary>
    public int Threads { get; private set; }

    /// <summary>The lease's name.</summary>
    public string LeaseId => _lease.Entry.Id;

    /// <summary>The processes of the active runs at the last check, this one included: their load is ours, not others'.</summary>
    public IReadOnlyList<int> RunProcessIds { get; private set; } = [];

    /// <summary>The state at the last check.</summary>
    public CoreShareState State { get; private set; } = new(1, 1, 1, 0, null, false);

    /// <summary>Checks the share when <see cref="IntervalSeconds"/> have passed since the last check; true when <see cref="Threads"/> changed.</summary>
    public bool Poll() => _clock() - _lastCheck >= IntervalSeconds && Check();

    /// <summary>Checks the share now; true when <see cref="Threads"/> changed.</summary>
    public bool Check()
    {
        _lastCheck = _clock();
        _lease.Touch();
        var active = _leases.Active([_lease.Entry.Id]);
        var load = _meter.Read(active.Select(l => l.ProcessId));
        if (load is not null) _othersBusy = load.Others;
        int before = Threads;
        if (Policy.FixedThreads is int f)
        {
            Threads = f;
        }
        else
        {
            int target = ThreadShare.ThreadsFor(_lease.Entry.Id, active, Cores, _othersBusy ?? 0);
            if (target < Threads) (Threads, _rising) = (target, null);
            else if (target > Threads && _rising == target) (Threads, _rising) = (target, null);
            else if (target > Threads) _rising = target;
            else _rising = null;
        }
        RunProcessIds = active.Select(l => l.ProcessId).Distinct().ToList();
        State = new CoreShareState(Threads, Policy.NominalThreads, Cores, active.Count(l => l.Id != _lease.Entry.Id), _othersBusy, Policy.IsFixed);
        return Threads != before;
    }

    /// <summary>Changes the policy (the user fixed a count after all): the lease is taken again to say so.</summary>
    public void ChangePolicy(ThreadPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy == Policy) return;
        var lease = _leases.Take(policy.FixedThreads);
        _lease.Dispose();
        _lease = lease;
        Policy = policy;
        _rising = null;
        Threads = policy.FixedThreads ?? Threads;
        Check();
    }

    /// <summary>Releases the lease.</summary>
    public void Dispose() => _lease.Dispose();
}
