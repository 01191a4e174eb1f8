using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookExperiments.Native;

namespace NotebookExperiments.Analyses;

/// <summary>A finished run: the typed result and what was written and shown.</summary>
/// <typeparam name="TResult">The analysis's result.</typeparam>
/// <param name="Result">The result.</param>
/// <param name="Outcome">Files, tables, notes and provenance.</param>
public sealed record CompletedRun<TResult>(TResult Result, AnalysisOutcome Outcome);

/// <summary>
/// Runs any analysis the same way (<see cref="Analysis{TParameters, TResult}"/>): normalises and validates the
/// parameters, opens the result store, plans the jobs (and this process's shard of them), counts progress in member-steps,
/// runs the jobs whose units are not finished, requires every unit, reads the result back from the store, and writes the
/// analysis's files and <c>provenance.json</c> into the result folder. The command line, <c>reproduce</c>, Slurm's tasks and the
/// notebooks all run analyses through it, so a notebook writes the same result folder as the command.
/// </summary>
public static class AnalysisRunner
{
    /// <summary>Runs <paramref name="analysis"/> with <paramref name="parameters"/> in <paramref name="environment"/>.</summary>
    /// <exception cref="ArgumentException">Invalid parameters.</exception>
    /// <exception cref="MissingUnitsException">This process ran its shard (or merged) but units of other shards are missing.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; finished units stay recorded and the run resumes later.</exception>
    public static CompletedRun<TResult> Run<TParameters, TResult>(Analysis<TParameters, TResult> analysis,
        TParameters parameters, AnalysisEnvironment environment)
        where TParameters : class, IAnalysisParameters<TParameters>
    {
        var origin = environment.Origin;
        var started = origin?.Started ?? DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        double SecondsSinceStart() => origin is null ? clock.Elapsed.TotalSeconds : (DateTimeOffset.UtcNow - started).TotalSeconds;
        parameters = analysis.Normalise(parameters);
        var scope = environment.RunScope;
        var (store, jobs, plan, mine) = Open(analysis, parameters, environment);
        foreach (var ignored in store.Ignored) environment.Log?.Invoke($"{analysis.Name}: not reading {Path.GetFileName(ignored.Path)}: {ignored.Reason}");
        var units = jobs.SelectMany(j => j.Units).ToList();
        int found = origin?.UnitsFound ?? units.Count(store.Contains);
        Provenance ProvenanceNow(double seconds, int computed) => new(analysis.Name, parameters.Describe(), parameters.Preset,
            parameters.IsPaperProtocol(), JsonNode.Parse(JsonSerializer.Serialize(parameters, parameters.GetType(), ResultStore.JsonOptions)),
            environment.Command ?? Provenance.CurrentCommand(), Provenance.CommitOf(RepositoryRoot.Find()), ResultsRevision.Current,
            Provenance.CurrentMachine(), store.Device, origin?.Threads ?? TorchThreads.Policy.NominalThreads, started, seconds, units.Count, computed);
        // Until the files are written, the folder says which run started (the report of a stopped run or a merge with units missing).
        ProvenanceNow(0, 0).WriteStartedTo(environment.OutputDirectory);
        var myUnits = mine.SelectMany(j => j.Units).ToList();
        var meter = new ProgressMeter(analysis.Name, environment, () => myUnits.Count(store.Contains), myUnits.Count, mine.Sum(j => j.Cost));
        meter.Complete(mine.Sum(j => j.FinishedCost(store)));
        var context = new JobContext(store, environment, meter, parameters.CheckpointEnsembles || environment.CheckpointEnsembles);
        foreach (var job in mine)
        {
            if (job.Units.All(store.Contains)) continue;
            environment.Cancellation.ThrowIfCancellationRequested();
            job.Run(context);
        }
        meter.Complete(meter.Total);
        meter.Report("done");

        var missing = store.MissingOf(units);
        if (missing.Count > 0)
            throw new MissingUnitsException(analysis.Name, missing, units.Count, scope.ShardCount is null ? null : plan.ShardsOf(missing));
        var result = analysis.Collect(parameters, store, environment.Data.Train.shape[0]);
        var files = analysis.Files(parameters, result).Select(f => f.WriteTo(environment.OutputDirectory)).ToList();
        var provenance = ProvenanceNow(SecondsSinceStart(), units.Count - found);
        files.Add(provenance.WriteTo(environment.OutputDirectory));
        File.Delete(Path.Combine(environment.OutputDirectory, Provenance.StartedFileName));
        var outcome = new AnalysisOutcome(environment.OutputDirectory, files, analysis.Tables(parameters, result).ToList(),
            analysis.Notes(parameters, result, environment).ToList(), provenance);
        return new CompletedRun<TResult>(result, outcome);
    }

    /// <summary>
    /// What running <paramref name="analysis"/> in <paramref name="environment"/> would do now (the units not yet finished of this
    /// process's share) and, unless <paramref name="measure"/> is false, how long it would take here after a short warm-up.
    /// </summary>
    public static PlanEstimate Estimate<TParameters, TResult>(Analysis<TParameters, TResult> analysis, TParameters parameters,
        AnalysisEnvironment environment, bool measure = true)
        where TParameters : class, IAnalysisParameters<TParameters>
    {
        var (store, _, _, mine) = Open(analysis, analysis.Normalise(parameters), environment);
        return PlanEstimate.Of(analysis.Name, mine, store, environment.Device, measure);
    }

    private static (ResultStore Store, IReadOnlyList<AnalysisJob> Jobs, ShardAssignment Plan, List<AnalysisJob> Mine) Open<TParameters, TResult>(
        Analysis<TParameters, TResult> analysis, TParameters parameters, AnalysisEnvironment environment)
        where TParameters : class, IAnalysisParameters<TParameters>
    {
        var scope = environment.RunScope;
        var store = ResultStore.Open(environment.OutputDirectory, analysis.Name, environment.ResultsDevice);
        var jobs = analysis.Jobs(parameters, environment.Data.Train.shape[0]);
        var units = jobs.SelectMany(j => j.Units).ToList();
        if (units.Distinct(StringComparer.Ordinal).Count() != units.Count) throw new InvalidOperationException($"{analysis.Name}: two jobs produce the same unit.");
        var plan = ShardPlan.Plan(jobs, scope.ShardCount);
        var mine = plan.Jobs.Where((_, i) => scope.Runs(plan.Shards[i])).ToList();
        return (store, jobs, plan, mine);
    }
}
