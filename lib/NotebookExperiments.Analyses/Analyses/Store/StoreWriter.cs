using System.Globalization;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The name under which a process appends units (<see cref="ResultStore"/>): its own file, so that no two writers ever
/// append to one file — not two processes on one machine, not a requeued Slurm task and the instance it replaced, not two
/// clients of a network file system.
/// </summary>
public static class StoreWriter
{
    private static int _opened;

    /// <summary>
    /// A new name for a store of this process: under Slurm <c>slurm-&lt;job&gt;[_&lt;task&gt;]-r&lt;restarts&gt;-&lt;host&gt;-&lt;pid&gt;</c> (the array job and task,
    /// or the job, and <c>SLURM_RESTART_COUNT</c>), elsewhere <c>&lt;host&gt;-&lt;pid&gt;-&lt;start time&gt;</c>, each followed by <c>-&lt;n&gt;</c>, the number of stores this process opened
    /// before (two runs in one notebook kernel write two files); made of file-name-safe characters.
    /// </summary>
    public static string Current()
    {
        int n = Interlocked.Increment(ref _opened);
        string host = Safe(Environment.MachineName);
        int pid = Environment.ProcessId;
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") ?? Environment.GetEnvironmentVariable("SLURM_JOB_ID");
        if (!string.IsNullOrEmpty(job))
        {
            var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
            var restarts = Environment.GetEnvironmentVariable("SLURM_RESTART_COUNT") ?? "0";
            return Safe($"slurm-{job}{(string.IsNullOrEmpty(task) ? "" : "_" + task)}-r{restarts}-{host}-{pid}-{n}");
        }
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return Safe(string.Create(CultureInfo.InvariantCulture, $"{host}-{pid}-{started:yyyyMMddTHHmmssfff}-{n}"));
    }

    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
