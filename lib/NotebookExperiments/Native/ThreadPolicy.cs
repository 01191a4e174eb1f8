using System.Globalization;

namespace NotebookExperiments.Native;

/// <summary>How a process chooses LibTorch's intra-op threads: a count fixed by the user, or a share of the cores (<see cref="ThreadShare"/>).</summary>
/// <param name="FixedThreads">The user's count (<c>--threads</c>, <c>OMP_NUM_THREADS</c>, a notebook's <c>threads</c>), or null to share.</param>
/// <param name="NominalThreads">The count the process would use alone; the few reductions whose summation order depends on the
/// thread count run with it (<see cref="TorchThreads.AtNominal{T}"/>), so a run's numbers do not depend on what else ran beside it.</param>
/// <param name="Source">Where the choice comes from, e.g. <c>--threads 1</c> or <c>OMP_NUM_THREADS=2</c>; null for the default.</param>
internal sealed record ThreadPolicy(int? FixedThreads, int NominalThreads, string? Source = null)
{
    /// <summary>The variable through which a parent process (<c>--jobs</c>) tells its shards the thread count each would have alone.</summary>
    public const string SharedThreadsVariable = "NOTEBOOK_EXPERIMENTS_SHARED_THREADS";

    /// <summary>Whether the count is the user's.</summary>
    public bool IsFixed => FixedThreads is not null;

    /// <summary>A count fixed by the user.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1.</exception>
    public static ThreadPolicy Fixed(int threads, string source) =>
        threads >= 1 ? new ThreadPolicy(threads, threads, source) : throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread.");

    /// <summary>A share of the cores, <paramref name="nominal"/> threads when alone.</summary>
    public static ThreadPolicy Shared(int nominal) =>
        nominal >= 1 ? new ThreadPolicy(null, nominal) : throw new ArgumentOutOfRangeException(nameof(nominal), nominal, "At least one thread.");

    /// <summary>
    /// The policy the environment asks for: <c>OMP_NUM_THREADS</c> fixes the count (its first entry, as OpenMP reads it); the
    /// variable of a <c>--jobs</c> parent shares with its nominal count; otherwise a share with all <paramref name="cores"/> as the nominal count.
    /// </summary>
    /// <param name="variable">Reads an environment variable.</param>
    /// <param name="cores">The cores of this process.</param>
    public static ThreadPolicy FromEnvironment(Func<string, string?> variable, int cores)
    {
        if (variable("OMP_NUM_THREADS") is { Length: > 0 } omp &&
            int.TryParse(omp.Split(',')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads >= 1)
            return Fixed(threads, $"OMP_NUM_THREADS={omp}");
        if (variable(SharedThreadsVariable) is { Length: > 0 } shared &&
            int.TryParse(shared, NumberStyles.None, CultureInfo.InvariantCulture, out int nominal) && nominal >= 1)
            return Shared(nominal);
        return Shared(Math.Max(1, cores));
    }

    /// <summary>For people: <c>2 threads (--threads 2)</c> or <c>a share of the 2 cores (2 threads alone)</c>.</summary>
    public string Describe(int cores) => FixedThreads is int f
        ? string.Create(CultureInfo.InvariantCulture, $"{f} thread{(f == 1 ? "" : "s")} ({Source ?? "fixed"})")
        : string.Create(CultureInfo.InvariantCulture, $"a share of the {cores} cores ({NominalThreads} thread{(NominalThreads == 1 ? "" : "s")} alone)");
}
