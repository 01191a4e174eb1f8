namespace NotebookExperiments.Native;

/// <summary>One run holding a lease on this machine's cores (<see cref="CoreLeases"/>), as another run sees it.</summary>
/// <param name="Id">The lease's name, unique on the machine.</param>
/// <param name="ProcessId">The process that holds it (several leases may share one process).</param>
/// <param name="Started">When it was taken; older leases come first when cores are shared out.</param>
/// <param name="FixedThreads">The threads the run was told to use (<c>--threads</c>, <c>OMP_NUM_THREADS</c>), or null for a run
/// that takes its share.</param>
internal sealed record CoreLeaseEntry(string Id, int ProcessId, DateTimeOffset Started, int? FixedThreads);

/// <summary>
/// How many intra-op threads a run takes: the machine's cores less those other processes keep busy and those of runs with a fixed
/// thread count, shared out equally among the runs that take a share (the oldest get the remainder), at least one each.
/// </summary>
/// <remarks>
/// <para>Why: LibTorch's CPU threads are GNU OpenMP threads that spin at every barrier. When two processes each run as many
/// threads as there are cores, each spins on a core the other needs, and both run about four times slower than alone (README,
/// Performance). With threads = cores / runs, no thread waits for a core and the spinning costs nothing.</para>
/// <para>Others' load: the cores other processes (not holding leases) kept busy over the last interval, counted as
/// ⌊load + 1 − <see cref="BusyCoreThreshold"/>⌋ whole cores, so that 0.6 of a core busy counts as one core taken and 0.5 as none.</para>
/// </remarks>
internal static class ThreadShare
{
    /// <summary>The share of a core other processes must keep busy for it to count as taken.</summary>
    public const double BusyCoreThreshold = 0.6;

    /// <summary>Whole cores taken by other processes that keep <paramref name="othersBusy"/> cores busy on average (at most all but one).</summary>
    public static int CoresTakenByOthers(double othersBusy, int cores) =>
        double.IsFinite(othersBusy) && othersBusy > 0
            ? Math.Clamp((int)Math.Floor(othersBusy + 1 - BusyCoreThreshold), 0, Math.Max(0, cores - 1))
            : 0;

    /// <summary>
    /// The threads of lease <paramref name="self"/> among <paramref name="leases"/> (the active ones, <paramref name="self"/>
    /// included) on <paramref name="cores"/> cores, of which other processes keep <paramref name="othersBusy"/> busy.
    /// </summary>
    /// <returns>A fixed lease's own count; otherwise the share, between 1 and <paramref name="cores"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="self"/> is not among <paramref name="leases"/>, or cores below 1.</exception>
    public static int ThreadsFor(string self, IReadOnlyList<CoreLeaseEntry> leases, int cores, double othersBusy)
    {
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), cores, "At least one core.");
        var mine = leases.FirstOrDefault(l => l.Id == self) ?? throw new ArgumentException($"The lease {self} is not among the leases.", nameof(leases));
        if (mine.FixedThreads is int fixedThreads) return fixedThreads;
        int fixedSum = leases.Where(l => l.FixedThreads is not null).Sum(l => l.FixedThreads!.Value);
        var shared = leases.Where(l => l.FixedThreads is null).OrderBy(l => l.Started).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        int free = Math.Max(0, cores - CoresTakenByOthers(othersBusy, cores) - fixedSum);
        int rank = shared.FindIndex(l => l.Id == self);
        int share = free / shared.Count + (rank < free % shared.Count ? 1 : 0);
        return Math.Clamp(share, 1, cores);
    }
}
