using System.Globalization;

namespace NotebookExperiments.Native;

/// <summary>
/// The processes of the <c>--jobs</c> run that this process is a shard of: the parent, which names itself to its shards in
/// <see cref="ParentVariable"/>, and every process it started. They count as this run's own load on the cores: a sibling shard
/// that is still loading its data while this one warms up is not "another process keeping the machine busy".
/// </summary>
internal static class ShardSiblings
{
    /// <summary>The variable in which a <c>--jobs</c> parent gives its shards its process id.</summary>
    public const string ParentVariable = "NOTEBOOK_EXPERIMENTS_PARENT";

    /// <summary>The parent's process id when this process is a shard of a <c>--jobs</c> run, else null.</summary>
    public static int? ParentProcessId =>
        Environment.GetEnvironmentVariable(ParentVariable) is { Length: > 0 } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? pid : null;

    /// <summary>The parent and the processes it started (this one among them), or none when this process is not a shard.</summary>
    public static IReadOnlyList<int> ProcessIds() => ParentProcessId is int parent ? [parent, .. ChildrenOf(parent)] : [];

    /// <summary>The processes whose parent is <paramref name="processId"/> (Linux: <c>/proc/PID/stat</c>'s fourth field; none elsewhere).</summary>
    internal static IReadOnlyList<int> ChildrenOf(int processId)
    {
        if (!Directory.Exists("/proc")) return [];
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                if (int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == processId) children.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // ended while listed
            }
        }
        return children;
    }
}
