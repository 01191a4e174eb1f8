using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NotebookExperiments.Tests.Slurm;

/// <summary>
/// A one-node Slurm cluster on this machine for the tests: its own munged (own key and socket), slurmctld and slurmd on
/// loopback ports chosen free, with a generated <c>slurm.conf</c> (one node of this machine's cores) and all state, logs and
/// pid files in a temporary folder. <c>SLURM_CONF</c> points at it while it runs, so that <c>sbatch</c>, <c>squeue</c>,
/// <c>scontrol</c> and <c>scancel</c> (and the jobs, which inherit the environment) talk to it. Disposing stops exactly the
/// daemons it started (by the pids in its own pid files) and removes the folder. The folder names the test process that owns it,
/// so that a cluster whose test process was killed before it could dispose it is stopped by the next one that starts.
/// </summary>
public sealed class LocalSlurmCluster : IDisposable
{
    private static readonly string[] Daemons = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd"];
    private static readonly string[] Clients = ["sbatch", "squeue", "scontrol", "scancel", "sinfo"];
    private readonly string? _previousConf;

    private LocalSlurmCluster(string directory)
    {
        Directory = directory;
        _previousConf = Environment.GetEnvironmentVariable("SLURM_CONF");
    }

    /// <summary>The folder with slurm.conf, state, logs and pid files.</summary>
    public string Directory { get; }

    /// <summary>The generated slurm.conf.</summary>
    public string ConfigPath => Path.Combine(Directory, "slurm.conf");

    /// <summary>Why a cluster cannot start here (daemons or clients missing, not root), or null when it can.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux()) return "Slurm tests run on Linux only.";
        var missing = Daemons.Where(d => !File.Exists(d)).Select(Path.GetFileName)
            .Concat(Clients.Where(c => FindOnPath(c) is null)).ToList();
        if (missing.Count > 0)
            return $"Slurm is not installed (missing {string.Join(", ", missing)}; Debian: apt-get install slurmctld slurmd slurm-client munge).";
        if (Environment.UserName != "root") return "The local Slurm cluster runs its daemons as root; run the tests as root.";
        return null;
    }

    /// <summary>Starts munged, slurmctld and slurmd and waits until the node is idle.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static LocalSlurmCluster Start()
    {
        StopAbandoned();
        var directory = System.IO.Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(directory, OwnerFile), ProcessIdentity(Environment.ProcessId));
        var cluster = new LocalSlurmCluster(directory);
        try
        {
            cluster.StartDaemons();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private void StartDaemons()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "state"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "spool"));
        var key = Path.Combine(Directory, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = Path.Combine(Directory, "munge.socket");
        Run("/usr/sbin/munged", "--force", $"--socket={socket}", $"--key-file={key}", $"--pid-file={Pid("munged")}",
            $"--log-file={Path.Combine(Directory, "munged.log")}", $"--seed-file={Path.Combine(Directory, "munged.seed")}").Require("munged");
        WaitFor(() => File.Exists(socket), TimeSpan.FromSeconds(10), "munged's socket");

        File.WriteAllText(ConfigPath, string.Join("\n",
        [
            "ClusterName=local",
            "SlurmctldHost=localhost",
            FormattableString.Invariant($"SlurmctldPort={FreePort()}"),
            FormattableString.Invariant($"SlurmdPort={FreePort()}"),
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            // cred_expire also sets how long a requeued job waits before it may start again (120 s by default).
            $"AuthInfo=socket={socket},cred_expire=10",
            $"StateSaveLocation={Path.Combine(Directory, "state")}",
            $"SlurmdSpoolDir={Path.Combine(Directory, "spool")}",
            $"SlurmctldPidFile={Pid("slurmctld")}",
            $"SlurmdPidFile={Pid("slurmd")}",
            $"SlurmctldLogFile={Path.Combine(Directory, "slurmctld.log")}",
            $"SlurmdLogFile={Path.Combine(Directory, "slurmd.log")}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core",
            "ReturnToService=2",
            "MpiDefault=none",
            "JobAcctGatherType=jobacct_gather/none",
            "SchedulerParameters=sched_interval=2",
            FormattableString.Invariant($"NodeName=localhost NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} State=UNKNOWN"),
            "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
            "",
        ]));
        Environment.SetEnvironmentVariable("SLURM_CONF", ConfigPath);
        Run("/usr/sbin/slurmctld", "-f", ConfigPath).Require("slurmctld");
        Run("/usr/sbin/slurmd", "-f", ConfigPath, "-N", "localhost").Require("slurmd");
        WaitFor(() => Run("sinfo", "-h", "-o", "%T").Output.Trim() is "idle", TimeSpan.FromSeconds(60), "the node to be idle");
    }

    private string Pid(string daemon) => Path.Combine(Directory, daemon + ".pid");

    private const string FolderPrefix = "local-slurm";

    /// <summary>The file of a cluster's folder that names its test process (<see cref="ProcessIdentity"/>).</summary>
    private const string OwnerFile = "owner";

    /// <summary>A process's id and start time (field 22 of <c>/proc/PID/stat</c>), which a later process with the same id does not share; null when it has ended.</summary>
    private static string? ProcessIdentity(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return FormattableString.Invariant($"{pid} {stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]}");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Cancels the jobs and stops the daemons of clusters whose test process has ended without disposing them (one killed from
    /// outside, say) and removes their folders. Folders that name no owner, or a live one, are left alone.
    /// </summary>
    private static void StopAbandoned()
    {
        foreach (var folder in System.IO.Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            string identity;
            try
            {
                identity = File.ReadAllText(owner).Trim();
            }
            catch (IOException)
            {
                continue;   // no owner named, or the folder is being removed
            }
            if (!int.TryParse(identity.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || ProcessIdentity(pid) == identity) continue;
            using var abandoned = new LocalSlurmCluster(folder);
            if (File.Exists(abandoned.ConfigPath) && Run(abandoned.ConfigPath, "scancel", ["--user", Environment.UserName]).Exit == 0)
            {
                try
                {
                    WaitFor(() => Run(abandoned.ConfigPath, "squeue", ["-h"]).Output.Trim().Length == 0, TimeSpan.FromSeconds(30), "the abandoned jobs to end");
                }
                catch (TimeoutException)
                {
                    // their steps are stopped with the daemons
                }
            }
        }
    }

    /// <summary>Runs a program with this cluster's <c>SLURM_CONF</c>; returns its exit code and output (standard error appended).</summary>
    public static CommandResult Run(string program, params string[] arguments) => Run(null, program, arguments);

    /// <summary>Runs a program with the <c>SLURM_CONF</c> <paramref name="config"/> (this process's when null).</summary>
    private static CommandResult Run(string? config, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (config is not null) start.Environment["SLURM_CONF"] = config;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CommandResult(string.Join(" ", [program, .. arguments]), process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>Waits until none of <paramref name="jobIds"/> is pending or running.</summary>
    public void WaitUntilDone(IEnumerable<string> jobIds, TimeSpan timeout)
    {
        var ids = string.Join(",", jobIds);
        WaitFor(() =>
        {
            var queue = Run("squeue", "-h", "-j", ids, "-o", "%i");
            return queue.Exit == 0 && queue.Output.Trim().Length == 0 || queue.Output.Contains("Invalid job id", StringComparison.Ordinal);
        }, timeout, $"jobs {ids} to end", () => Log());
    }

    /// <summary>The state of a job (or array task <c>id_k</c>): <c>COMPLETED</c>, <c>CANCELLED</c>, …</summary>
    public string StateOf(string job)
    {
        var text = Run("scontrol", "show", "job", job).Output;
        int at = text.IndexOf("JobState=", StringComparison.Ordinal);
        return at < 0 ? "UNKNOWN" : text[(at + 9)..].Split(' ', '\n')[0];
    }

    /// <summary>
    /// Waits for <paramref name="condition"/> while <paramref name="job"/> runs; fails at once, with <paramref name="details"/>, when the
    /// job ends first (a task that fails by itself would otherwise hold the test until the timeout).
    /// </summary>
    public void WaitWhileRunning(string job, Func<bool> condition, TimeSpan timeout, string what, Func<string> details) =>
        WaitFor(() =>
        {
            if (condition()) return true;
            var state = StateOf(job);
            if (state is not ("PENDING" or "RUNNING" or "CONFIGURING" or "REQUEUED" or "COMPLETING"))
            {
                Thread.Sleep(500); // the condition may have become true just before the job ended
                if (condition()) return true;
                throw new InvalidOperationException($"{job} ended ({state}) before {what}.\n{details()}");
            }
            return false;
        }, timeout, what, details);

    /// <summary>The daemons' logs, for failure messages.</summary>
    public string Log() => string.Join("\n", new[] { "slurmctld.log", "slurmd.log" }
        .Select(f => Path.Combine(Directory, f)).Where(File.Exists).Select(f => $"== {f}\n{string.Join("\n", File.ReadLines(f).TakeLast(20))}"));

    /// <summary>Polls <paramref name="condition"/> every 200 ms.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public static void WaitFor(Func<bool> condition, TimeSpan timeout, string what, Func<string>? details = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}.{(details is null ? "" : "\n" + details())}");
            Thread.Sleep(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A process's command line, its arguments joined by spaces; empty when it has ended.</summary>
    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Stops the daemons this cluster started (slurmd, slurmctld, munged), by the pids in its pid files (a pid whose command line
    /// does not name this folder is another process's by now, and left alone), and removes its folder.
    /// </summary>
    public void Dispose()
    {
        foreach (var daemon in new[] { "slurmd", "slurmctld", "munged" })
        {
            if (!File.Exists(Pid(daemon)) || !int.TryParse(File.ReadAllText(Pid(daemon)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (!CommandLineOf(pid).Contains(Directory, StringComparison.Ordinal)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                Run("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
                if (!process.WaitForExit(15_000)) process.Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        if (Environment.GetEnvironmentVariable("SLURM_CONF") == ConfigPath) Environment.SetEnvironmentVariable("SLURM_CONF", _previousConf);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a job's file still open: the temporary folder is left for the system to clean
        }
    }
}

/// <summary>The outcome of a command.</summary>
/// <param name="Command">What ran.</param>
/// <param name="Exit">Its exit code.</param>
/// <param name="Output">Standard output, then standard error.</param>
public sealed record CommandResult(string Command, int Exit, string Output)
{
    /// <summary>Throws unless the command succeeded.</summary>
    public CommandResult Require(string what) =>
        Exit == 0 ? this : throw new InvalidOperationException($"{what} failed ({Exit}): {Command}\n{Output}");
}

/// <summary>
/// A test that needs <see cref="LocalSlurmCluster"/>: skipped, saying why, where Slurm is not installed (or not root) — except on
/// CI (<c>CI=true</c>), where the test script installs it and a missing Slurm must fail the run.
/// </summary>
internal sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (LocalSlurmCluster.UnavailableReason() is { } reason &&
            !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = reason;
    }
}
