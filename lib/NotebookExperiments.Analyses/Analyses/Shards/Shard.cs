using System.Globalization;

namespace NotebookExperiments.Analyses;

/// <summary>One of <see cref="Count"/> shares of an analysis's units (<c>--shard I/N</c>), numbered from 1.</summary>
/// <param name="Index">Which share, 1 … <paramref name="Count"/>.</param>
/// <param name="Count">How many shares.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Parses <c>I/N</c> with 1 ≤ I ≤ N.</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 1 && i <= n)
            return new Shard(i, n);
        throw new ArgumentException($"--shard takes I/N with 1 ≤ I ≤ N (e.g. 2/3), not '{text}'.");
    }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{Index}/{Count}");
}

/// <summary>How much of an analysis a process runs: everything, one shard, or nothing (merge the shards' units only).</summary>
/// <param name="Shard">The shard to run, or null for every unit.</param>
/// <param name="MergeOnly">Run nothing: read every shard's units and report what is missing.</param>
/// <param name="MergeShards">With <paramref name="MergeOnly"/>: how many shards the units were run in, so that missing units are
/// reported with the shards to run again; null when unknown.</param>
public sealed record RunScope(Shard? Shard = null, bool MergeOnly = false, int? MergeShards = null)
{
    /// <summary>Every unit in one process.</summary>
    public static RunScope All { get; } = new();

    /// <summary>The number of shards of the plan: the shard's count, the merge's, or null for a single process.</summary>
    public int? ShardCount => Shard?.Count ?? MergeShards;

    /// <summary>Whether this process runs the job with this shard number (1-based).</summary>
    public bool Runs(int shardOfJob) => !MergeOnly && (Shard is null || Shard.Index == shardOfJob);
}

/// <summary>
/// Thrown when an analysis's table is asked for but some units are not in the result store: a shard ran only its share, or a
/// merge found shards unfinished.
/// </summary>
public sealed class MissingUnitsException(string analysis, IReadOnlyList<string> missing, int total, IReadOnlyList<int>? shards = null)
    : Exception($"{analysis}: {missing.Count} of {total} units are missing (e.g. {string.Join("; ", missing.Take(3).Select(UnitKey.LabelOf))}).")
{
    /// <summary>The analysis.</summary>
    public string Analysis { get; } = analysis;

    /// <summary>The keys of the missing units.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;

    /// <summary>All units.</summary>
    public int Total { get; } = total;

    /// <summary>The shards (1-based, ascending) whose units are missing, when the plan's shard count is known; empty otherwise.</summary>
    public IReadOnlyList<int> Shards { get; } = shards ?? [];
}
