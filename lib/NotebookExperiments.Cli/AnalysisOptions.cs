using System.CommandLine;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli;

/// <summary>Options every analysis command (and <c>reproduce</c>) takes: preset, folders, device, threads, shards, local jobs and checkpoints.</summary>
internal sealed class AnalysisOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "quick (minutes on a laptop) or paper (the published protocol; hours).",
        DefaultValueFactory = _ => "quick",
    };

    public Option<string?> Output { get; } = new("--out") { Description = "Result folder (default: results/<analysis>)." };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "MNIST folder (default: data/mnist; fetched when missing)." };

    public Option<string> Device { get; } = CommonOptions.Device();

    public Option<int?> Threads { get; } = CommonOptions.Threads();

    public Option<int?> Jobs { get; } = new("--jobs")
    {
        Description = "Run the analysis as N shards in N processes on this machine, the cores split between them (with --threads: " +
                      "threads per process), then merge: the results equal one process with the same threads per process. " +
                      "Ctrl-C stops them all with their progress kept.",
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only share I of N of the units (e.g. 2/3), appending to a units file of its own in the result folder; " +
                      "run --merge (or the command without --shard) when every shard is done.",
    };

    public Option<bool> Merge { get; } = new("--merge")
    {
        Description = "Run nothing: read every shard's units, write the CSVs and figures, and report missing units (exit 3 if any).",
    };

    public Option<int?> Shards { get; } = new("--shards")
    {
        Description = "With --slurm: array tasks (default: one per job of the analysis). With --merge: how many shards the units were run in, " +
                      "so that missing units are reported with the shards to run again.",
    };

    public Option<bool> CheckpointEnsembles { get; } = new("--checkpoint-ensembles")
    {
        Description = "Checkpoint every ensemble after every epoch, so that a killed or requeued run resumes from its last epoch " +
                      "(always on under Slurm and in the paper presets).",
    };

    public AnalysisOptions()
    {
        Preset.AcceptOnlyFromAmong([.. Presets.Names]);
    }

    public IReadOnlyList<Option> All => [Preset, Output, DataDirectory, Device, Threads, Jobs, Shard, Merge, Shards, CheckpointEnsembles];

    /// <summary>The values; <see cref="Values.Scope"/> is null unless <c>--shard</c> or <c>--merge</c> is given.</summary>
    /// <exception cref="ArgumentException">Contradictory options.</exception>
    public Values Read(ParseResult result)
    {
        var shard = result.GetValue(Shard) is { } text ? NotebookExperiments.Analyses.Shard.Parse(text) : null;
        bool merge = result.GetValue(Merge);
        int? shards = result.GetValue(Shards);
        if (shard is not null && merge) throw new ArgumentException("--merge runs no shard; give either --shard or --merge.");
        if (shards is < 1) throw new ArgumentException($"--shards must be at least 1, not {shards}.");
        if (shard is not null && shards is not null && shards != shard.Count)
            throw new ArgumentException($"--shard {shard} is one of {shard.Count} shards, but --shards says {shards}.");
        var scope = shard is not null ? new RunScope(shard) : merge ? new RunScope(MergeOnly: true, MergeShards: shards) : null;
        int? jobs = result.GetValue(Jobs);
        if (jobs is < 1) throw new ArgumentException($"--jobs must be at least 1, not {jobs}.");
        if (jobs is > 1 && (shard is not null || merge))
            throw new ArgumentException("--jobs runs every shard here and merges them; leave out --shard and --merge.");
        return new(result.GetValue(Output), result.GetValue(DataDirectory), result.GetValue(Device)!, result.GetValue(Threads), scope,
            result.GetValue(CheckpointEnsembles), shards, jobs ?? 1);
    }

    /// <summary>The parsed values.</summary>
    /// <param name="Output">The result folder, or null for <c>results/&lt;analysis&gt;</c>.</param>
    /// <param name="DataDirectory">The MNIST folder, or null for <c>data/mnist</c>.</param>
    /// <param name="Device">cpu, cuda or auto.</param>
    /// <param name="Threads">TorchSharp's threads given with <c>--threads</c> (per process with <c>--jobs</c>), or null for a share of the cores.</param>
    /// <param name="Scope">The shard or merge, or null for every unit in this process.</param>
    /// <param name="CheckpointEnsembles">Whether every ensemble checkpoints after every epoch.</param>
    /// <param name="Shards">The number given with <c>--shards</c>, or null.</param>
    /// <param name="Jobs">Processes to run the shards in on this machine (<c>--jobs</c>; 1: this process alone).</param>
    public sealed record Values(string? Output, string? DataDirectory, string Device, int? Threads, RunScope? Scope = null,
        bool CheckpointEnsembles = false, int? Shards = null, int Jobs = 1)
    {
        /// <summary>The folder of <paramref name="analysis"/>: <see cref="Output"/> (under <c>reproduce</c>, its subfolder) or <c>results/&lt;analysis&gt;</c>.</summary>
        /// <remarks>The results folder is <c>$NOTEBOOK_EXPERIMENTS_RESULTS</c> when set, else <c>results/</c> of the repository
        /// (<see cref="AnalysisConsole.ResultsDirectory"/>).</remarks>
        public string OutputDirectory(string analysis) => Output ?? Path.Combine(AnalysisConsole.ResultsDirectory(), analysis);
    }
}
