namespace NotebookExperiments.Analyses;

/// <summary>
/// An indivisible piece of an analysis: the units trained or measured together (an ensemble chunk of runs, a seed's model and
/// its checkpoint statistics, …), with its cost in member-steps.
/// </summary>
/// <param name="Key">A stable name, unique within the analysis.</param>
/// <param name="Cost">Member-steps (training steps of every member, gradient estimates at their cost in steps).</param>
/// <param name="Units">The keys of the units it produces.</param>
public sealed record ShardJob(string Key, double Cost, IReadOnlyList<string> Units);

/// <summary>
/// Splits an analysis's jobs into N shards deterministically: jobs sorted by cost (largest first, then key) go one by one to
/// the shard with the least cost so far (the lowest number on ties). Every process computes the same plan from the same
/// parameters, so shards need no coordination; a job is never split, so an ensemble's members stay together and train
/// exactly as in a single process.
/// </summary>
public static class ShardPlan
{
    /// <summary>The shard (1 … <paramref name="count"/>) of every job, in the order of <paramref name="jobs"/>.</summary>
    /// <exception cref="ArgumentException">Duplicate job keys or a count below 1.</exception>
    public static IReadOnlyList<int> Assign(IReadOnlyList<ShardJob> jobs, int count)
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

    /// <summary>The shard of every job under <paramref name="scope"/>: all 1 when the scope has no shard.</summary>
    public static IReadOnlyList<int> Assign(IReadOnlyList<ShardJob> jobs, RunScope scope) =>
        scope.Shard is { } s ? Assign(jobs, s.Count) : jobs.Select(_ => 1).ToList();

    /// <summary>The cost per shard of a plan.</summary>
    public static IReadOnlyList<double> Loads(IReadOnlyList<ShardJob> jobs, int count)
    {
        var shards = Assign(jobs, count);
        var load = new double[count];
        for (int i = 0; i < jobs.Count; i++) load[shards[i] - 1] += jobs[i].Cost;
        return load;
    }
}
