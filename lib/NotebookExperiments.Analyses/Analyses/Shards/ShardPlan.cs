namespace NotebookExperiments.Analyses;

/// <summary>
/// Splits an analysis's jobs into N shards deterministically, balanced on member-steps, so that every process computes the
/// same plan from the same parameters and shards need no coordination.
/// </summary>
/// <remarks>
/// <para>Assignment: jobs sorted by cost (largest first, then key) go one by one to the shard with the least cost so far (the
/// lowest number on ties).</para>
/// <para>Balance: when a shard would carry more than <see cref="Tolerance"/> times the mean or less than <see cref="MinimumShare"/> of
/// it, the job with the largest pieces that can be split (an ensemble, <see cref="AnalysisJob.Split"/>) is split into twice as many
/// pieces and the assignment is made again, until the shards are balanced or nothing can be split further. Jobs are split only when needed: with no more
/// shards than jobs of similar size, every ensemble trains whole, exactly as in a single process.</para>
/// </remarks>
public static class ShardPlan
{
    /// <summary>The largest load of a shard relative to the mean that the plan accepts before it splits jobs.</summary>
    public const double Tolerance = 1.5;

    /// <summary>The smallest load of a shard relative to the mean that the plan accepts before it splits jobs.</summary>
    public const double MinimumShare = 0.5;

    /// <summary>The shard (1 … <paramref name="count"/>) of every job, in the order of <paramref name="jobs"/>, without splitting any.</summary>
    /// <exception cref="ArgumentException">Duplicate job keys or a count below 1.</exception>
    public static IReadOnlyList<int> Assign(IReadOnlyList<AnalysisJob> jobs, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one shard.");
        if (jobs.Select(j => j.Key).Distinct(StringComparer.Ordinal).Count() != jobs.Count) throw new ArgumentException("Job keys must be unique.", nameof(jobs));
        var load = new double[count];
        var shard = new int[jobs.Count];
        var order = Enumerable.Range(0, jobs.Count).OrderByDescending(i => jobs[i].Cost).ThenBy(i => jobs[i].Key, StringComparer.Ordinal);
        foreach (int i in order)
        {
            int best = 0;
            for (int s = 1; s < count; s++) if (load[s] < load[best]) best = s;
            load[best] += jobs[i].Cost;
            shard[i] = best + 1;
        }
        return shard;
    }

    /// <summary>The cost per shard of an assignment.</summary>
    public static IReadOnlyList<double> Loads(IReadOnlyList<AnalysisJob> jobs, IReadOnlyList<int> shards, int count)
    {
        var load = new double[count];
        for (int i = 0; i < jobs.Count; i++) load[shards[i] - 1] += jobs[i].Cost;
        return load;
    }

    /// <summary>The most shards <paramref name="jobs"/> can fill: every job split into as many pieces as it can be.</summary>
    public static int MaxShards(IReadOnlyList<AnalysisJob> jobs) => jobs.Sum(j => j.MaxParts);

    /// <summary>
    /// The plan for <paramref name="count"/> shards (null: one process runs every job as it is): the jobs, split where the balance
    /// needs it, each with its shard.
    /// </summary>
    /// <exception cref="ArgumentException">More shards than the jobs can fill (<see cref="MaxShards"/>).</exception>
    public static ShardAssignment Plan(IReadOnlyList<AnalysisJob> jobs, int? count)
    {
        if (count is null) return new ShardAssignment(jobs, jobs.Select(_ => 1).ToList(), 1);
        int n = count.Value;
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(count), n, "At least one shard.");
        int most = MaxShards(jobs);
        if (n > most)
            throw new ArgumentException($"{n} shards, but this analysis has only {most} piece{(most == 1 ? "" : "s")} of work to share out " +
                                        $"(every ensemble split down to one run); use at most {most}.", "Shards");
        var parts = jobs.Select(_ => 1).ToArray();
        while (true)
        {
            var pieces = jobs.SelectMany((j, i) => j.Split(parts[i])).ToList();
            var shards = Assign(pieces, n);
            var loads = Loads(pieces, shards, n);
            double mean = loads.Sum() / n;
            bool balanced = loads.Max() <= Tolerance * mean && loads.Min() >= MinimumShare * mean;
            var candidates = Enumerable.Range(0, jobs.Count).Where(i => parts[i] < jobs[i].MaxParts).ToList();
            if (balanced || candidates.Count == 0) return new ShardAssignment(pieces, shards, n);
            int largest = candidates.OrderByDescending(i => jobs[i].Cost / parts[i]).ThenBy(i => jobs[i].Key, StringComparer.Ordinal).First();
            parts[largest] = Math.Min(jobs[largest].MaxParts, parts[largest] * 2);
        }
    }
}

/// <summary>A plan: the jobs (split where needed) and the shard of each.</summary>
/// <param name="Jobs">The jobs as they run.</param>
/// <param name="Shards">The shard of each job, 1 … <paramref name="Count"/>.</param>
/// <param name="Count">The number of shards.</param>
public sealed record ShardAssignment(IReadOnlyList<AnalysisJob> Jobs, IReadOnlyList<int> Shards, int Count)
{
    /// <summary>The member-steps of every shard.</summary>
    public IReadOnlyList<double> Loads => ShardPlan.Loads(Jobs, Shards, Count);

    /// <summary>The jobs of shard <paramref name="shard"/>.</summary>
    public IEnumerable<AnalysisJob> JobsOf(int shard) => Jobs.Where((_, i) => Shards[i] == shard);

    /// <summary>
    /// Every shard's work and units, and how much of them <paramref name="store"/> holds finished: what a run of all the shards starts
    /// from (<c>--jobs</c>), in shard order.
    /// </summary>
    public IReadOnlyList<ShardWork> WorkIn(ResultStore store) =>
        Enumerable.Range(1, Count).Select(s =>
        {
            var jobs = JobsOf(s).ToList();
            var units = jobs.SelectMany(j => j.Units).ToList();
            return new ShardWork(s, jobs.Sum(j => j.Cost), jobs.Sum(j => j.FinishedCost(store)), units.Count, units.Count(store.Contains));
        }).ToList();

    /// <summary>The shards (ascending) that produce any of <paramref name="units"/>.</summary>
    public IReadOnlyList<int> ShardsOf(IEnumerable<string> units)
    {
        var wanted = units.ToHashSet(StringComparer.Ordinal);
        return Jobs.Select((j, i) => (j, i)).Where(x => x.j.Units.Any(wanted.Contains)).Select(x => Shards[x.i]).Distinct().Order().ToList();
    }
}

/// <summary>One shard's work (member-steps) and units, and how much of them is finished.</summary>
/// <param name="Shard">The shard, 1 … N.</param>
/// <param name="Work">Its member-steps.</param>
/// <param name="WorkFinished">Member-steps of its finished units.</param>
/// <param name="Units">Its units.</param>
/// <param name="UnitsFinished">Its finished units.</param>
public sealed record ShardWork(int Shard, double Work, double WorkFinished, int Units, int UnitsFinished);
