using System.CommandLine;

namespace NotebookExperiments.Cli.Slurm;

/// <summary>The options of a run on a Slurm cluster: <c>--slurm</c> and the resources of every array task.</summary>
internal sealed class SlurmOptions
{
    public Option<bool> Slurm { get; } = new("--slurm")
    {
        Description = "Submit to Slurm instead of running here: a job array (one task per shard, each resuming its own units after a " +
                      "requeue or time-out) and a merge job that runs when the array has ended (afterany).",
    };

    public Option<string?> Partition { get; } = new("--partition") { Description = "With --slurm: the partition (default: the cluster's)." };

    public Option<string?> Time { get; } = new("--time") { Description = "With --slurm: time limit per task, HH:MM:SS or D-HH:MM:SS (default: the partition's)." };

    public Option<int> Cpus { get; } = new("--cpus") { Description = "With --slurm: cores per task (TorchSharp threads).", DefaultValueFactory = _ => 4 };

    public Option<int> Gpus { get; } = new("--gpus") { Description = "With --slurm: GPUs per task (with --device cuda or auto).", DefaultValueFactory = _ => 0 };

    public Option<int> MaxRequeues { get; } = new("--max-requeues")
    {
        Description = "With --slurm: how many times a task may requeue itself before its time limit (a task that saved no progress " +
                      "since it started never requeues).",
        DefaultValueFactory = _ => 20,
    };

    public Option<int?> ArrayParallelism { get; } = new("--array-parallelism") { Description = "With --slurm: at most K tasks at once (%K)." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "With --slurm: write the sbatch scripts without submitting them." };

    /// <summary>Every option, for commands and for telling them apart from the analysis's own.</summary>
    public IReadOnlyList<Option> All => [Slurm, Partition, Time, Cpus, Gpus, ArrayParallelism, MaxRequeues, DryRun];

    /// <summary>The request, or null without <c>--slurm</c>.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="analysis">The analysis options' values (shards, device).</param>
    /// <exception cref="ArgumentException">A value out of range, a Slurm option without <c>--slurm</c>, or GPUs asked for a CPU run.</exception>
    public SlurmResources? Read(ParseResult result, AnalysisOptions.Values analysis)
    {
        if (!result.GetValue(Slurm))
        {
            if (All.Skip(1).FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } stray)
                throw new ArgumentException($"{stray.Name} is an option of --slurm; add --slurm to submit to a Slurm cluster.");
            return null;
        }
        if (analysis.Scope is not null) throw new ArgumentException("--slurm chooses the shards itself; leave out --shard and --merge.");
        if (analysis.Jobs > 1) throw new ArgumentException("--jobs runs the shards on this machine and --slurm on a cluster; give one of them.");
        var resources = new SlurmResources(analysis.Shards, result.GetValue(Partition), result.GetValue(Time), result.GetValue(Cpus),
            result.GetValue(Gpus), result.GetValue(ArrayParallelism), result.GetValue(DryRun), result.GetValue(MaxRequeues));
        resources.Validate();
        if (resources.Gpus > 0 && analysis.Device == "cpu")
            throw new ArgumentException($"--gpus {resources.Gpus} with --device cpu: the tasks would hold GPUs they do not use; add --device cuda (or auto), or leave out --gpus.");
        if (resources.Gpus == 0 && analysis.Device == "cuda")
            throw new ArgumentException("--device cuda without --gpus: the tasks would get no GPU; add --gpus 1.");
        return resources;
    }
}

/// <summary>What every array task asks Slurm for.</summary>
/// <param name="Shards">Array tasks, or null for one per job.</param>
/// <param name="Partition">The partition, or null for the default.</param>
/// <param name="Time">Time limit per task, or null for the partition's.</param>
/// <param name="Cpus">Cores per task.</param>
/// <param name="Gpus">GPUs per task.</param>
/// <param name="ArrayParallelism">At most this many tasks at once, or null for no limit.</param>
/// <param name="DryRun">Write the scripts only.</param>
/// <param name="MaxRequeues">How many times a task may requeue itself.</param>
internal sealed record SlurmResources(int? Shards = null, string? Partition = null, string? Time = null, int Cpus = 4, int Gpus = 0,
    int? ArrayParallelism = null, bool DryRun = false, int MaxRequeues = 20)
{
    public void Validate()
    {
        if (Shards is < 1) throw new ArgumentException($"--shards must be at least 1, not {Shards}.");
        if (Cpus < 1) throw new ArgumentException($"--cpus must be at least 1, not {Cpus}.");
        if (Gpus < 0) throw new ArgumentException($"--gpus must be at least 0, not {Gpus}.");
        if (ArrayParallelism is < 1) throw new ArgumentException($"--array-parallelism must be at least 1, not {ArrayParallelism}.");
        if (MaxRequeues < 0) throw new ArgumentException($"--max-requeues must be at least 0, not {MaxRequeues}.");
        if (Time is { } t && !System.Text.RegularExpressions.Regex.IsMatch(t, @"^(\d+-)?\d{1,2}:\d{2}:\d{2}$"))
            throw new ArgumentException($"--time takes HH:MM:SS or D-HH:MM:SS, not '{t}'.");
        if (Partition is { } p && !System.Text.RegularExpressions.Regex.IsMatch(p, @"^[A-Za-z0-9_.,-]+$"))
            throw new ArgumentException($"--partition: '{p}' is not a partition name.");
    }

    /// <summary>Seconds of the time limit, or null.</summary>
    public double? TimeLimitSeconds
    {
        get
        {
            if (Time is null) return null;
            var dash = Time.Split('-');
            var parts = dash[^1].Split(':').Select(int.Parse).ToArray();
            return (dash.Length == 2 ? int.Parse(dash[0]) * 86400 : 0) + parts[0] * 3600 + parts[1] * 60 + parts[2];
        }
    }
}
