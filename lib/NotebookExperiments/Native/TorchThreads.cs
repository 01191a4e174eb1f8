using System.Diagnostics;
using static TorchSharp.torch;

namespace NotebookExperiments.Native;

/// <summary>
/// LibTorch's intra-op threads in this process: the user's count when one was given, otherwise a share of the cores that the runs of
/// this machine work out between them through leases (<see cref="CoreShare"/>), so that two runs never spin against each other.
/// </summary>
/// <remarks>
/// <para>Who decides, first match wins: a count given in the program (<see cref="Use"/>: the command line's <c>--threads</c>, a notebook's
/// <c>threads</c> parameter), <c>OMP_NUM_THREADS</c>, a count set with <c>torch.set_num_threads</c> other than all cores (seen at the
/// next <see cref="Poll"/>, and kept from then on), and otherwise the share. <c>OMP_WAIT_POLICY</c> and <c>GOMP_SPINCOUNT</c> are
/// left to the user: with threads that never outnumber the free cores, libgomp's default spinning costs nothing (README, Performance).</para>
/// <para>The computing loops (the trainer between steps, the gradient sampler between passes, the warm-up) call <see cref="Poll"/>;
/// the first call takes the process's lease, and later calls check the share once a second and set the thread count of the
/// calling thread (LibTorch keeps one per thread). A process that stops computing stops counting for the others after
/// <see cref="CoreLeases.ActiveFor"/>; its lease ends with it.</para>
/// <para>Numbers: training, cosines and spreads do not depend on the thread count (measured: the same bits with 1 and 2 threads),
/// but a sum over a whole large tensor does, in its last digit. The few such sums of stored numbers run through
/// <see cref="AtNominal{T}"/>, with the count the run would have alone, so a run's numbers never depend on what ran beside it.</para>
/// </remarks>
internal static class TorchThreads
{
    private static readonly object Gate = new();
    private static ThreadPolicy? _policy;
    private static CoreShare? _share;
    private static bool _unavailable;
    private static volatile int _appliedAnywhere;
    [ThreadStatic] private static int _appliedHere;

    /// <summary>The cores this process may run on.</summary>
    public static int Cores => Environment.ProcessorCount;

    /// <summary>How this process chooses its threads (from the environment until <see cref="Use"/> or <see cref="ShareWith"/> says otherwise).</summary>
    public static ThreadPolicy Policy
    {
        get { lock (Gate) return _policy ??= ThreadPolicy.FromEnvironment(Environment.GetEnvironmentVariable, Cores); }
    }

    /// <summary>The share at its last check, or null when this process has not computed under a lease yet.</summary>
    public static CoreShareState? State
    {
        get { lock (Gate) return _share?.State; }
    }

    /// <summary>
    /// The processes of the runs of ours active on the machine at the last check (this one included), or only this one; in a shard
    /// of a <c>--jobs</c> run, also its parent and sibling shards (<see cref="ShardSiblings"/>), which may not have taken their leases yet.
    /// </summary>
    public static IReadOnlyList<int> RunProcessIds
    {
        get
        {
            IReadOnlyList<int> leased;
            lock (Gate) leased = _share?.RunProcessIds ?? [Environment.ProcessId];
            return [.. leased.Union(ShardSiblings.ProcessIds())];
        }
    }

    /// <summary>
    /// Fixes the count: <paramref name="threads"/> ≥ 1 from now on, whatever else runs; 0 goes back to a share of the cores (all of them
    /// when alone). Sets the calling thread's count at once.
    /// </summary>
    /// <param name="threads">The count, or 0 to share.</param>
    /// <param name="source">Where the choice comes from, for messages and provenance (e.g. <c>--threads 1</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public static void Use(int threads, string? source = null)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "0 (a share of the cores) or at least 1.");
        SetPolicy(threads == 0 ? ThreadPolicy.Shared(Cores) : ThreadPolicy.Fixed(threads, source ?? $"{threads} threads"));
    }

    /// <summary>Shares the cores, with <paramref name="nominal"/> threads as the count alone (a shard of a <c>--jobs</c> run).</summary>
    public static void ShareWith(int nominal) => SetPolicy(ThreadPolicy.Shared(nominal));

    /// <summary>The thread count to set as LibTorch loads: the user's, or the count alone (the first <see cref="Poll"/> shares).</summary>
    internal static void Initialise() => Apply(Policy.FixedThreads ?? Math.Min(Policy.NominalThreads, Cores));

    /// <summary>
    /// Called by the computing loops between steps, on the thread that computes: takes the lease on the first call, checks the share
    /// at most once a second, and sets the calling thread's count when it differs. Cheap otherwise.
    /// </summary>
    public static void Poll()
    {
        int threads;
        lock (Gate)
        {
            if (!TorchRuntime.IsLoaded) return;
            DetectUserChoice();
            if (_share is null && !_unavailable) Start();
            if (_share is not null) _share.Poll();
            threads = _share?.Threads ?? Policy.FixedThreads ?? Math.Min(Policy.NominalThreads, Cores);
        }
        if (_appliedHere != threads || get_num_threads() != threads) Apply(threads);
    }

    /// <summary>
    /// Runs <paramref name="compute"/> with the nominal count on this thread (the count alone), then goes back to the share: for a
    /// reduction whose summation order, and so its last digit, depends on the thread count.
    /// </summary>
    public static T AtNominal<T>(Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (!TorchRuntime.IsLoaded) return compute();
        int nominal = Policy.NominalThreads, current = get_num_threads();
        if (current == nominal) return compute();
        set_num_threads(nominal);
        try
        {
            return compute();
        }
        finally
        {
            set_num_threads(current);
        }
    }

    private static void SetPolicy(ThreadPolicy policy)
    {
        lock (Gate)
        {
            _policy = policy;
            _share?.ChangePolicy(policy);
        }
        if (TorchRuntime.IsLoaded) Apply(policy.FixedThreads ?? _share?.Threads ?? Math.Min(policy.NominalThreads, Cores));
    }

    /// <summary>A count set with <c>torch.set_num_threads</c> by someone else (neither ours nor all cores) becomes the user's fixed count.</summary>
    private static void DetectUserChoice()
    {
        if (_appliedAnywhere == 0) return;
        int current = get_num_threads();
        if (!IsSetByUser(current, _appliedHere, _appliedAnywhere, (_policy ?? Policy).NominalThreads)) return;
        _policy = ThreadPolicy.Fixed(current, $"set_num_threads({current})");
        _share?.ChangePolicy(_policy);
    }

    /// <summary>
    /// Whether a thread's count <paramref name="current"/> was set by someone other than this class: it is neither the count last set on
    /// this thread (<paramref name="appliedHere"/>, 0 when none) nor the last set anywhere (<paramref name="appliedAnywhere"/>, which a
    /// new thread starts with in LibTorch) nor the count alone (<paramref name="nominal"/>, what a notebook sets for all cores).
    /// </summary>
    public static bool IsSetByUser(int current, int appliedHere, int appliedAnywhere, int nominal) =>
        current != appliedHere && current != appliedAnywhere && current != nominal;

    private static void Start()
    {
        try
        {
            var clock = () => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
            var share = new CoreShare(Policy, CoreLeases.ForUser(), new CpuLoadMeter(ProcCpuReadings.Machine, clock), clock, Cores);
            _share = share;
            // The lock ends with the process in any case; this also removes the file when the process ends normally.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => share.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _unavailable = true;   // no folder for leases: run as alone
        }
    }

    private static void Apply(int threads)
    {
        set_num_threads(threads);
        _appliedHere = threads;
        _appliedAnywhere = threads;
    }
}
