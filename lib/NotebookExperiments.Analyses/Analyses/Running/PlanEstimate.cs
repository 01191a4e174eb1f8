using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using NotebookExperiments.Native;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What a run will do and how long it will take on this machine, said before it starts: the jobs, units and member-steps still to
/// run, and the time they take at the speed measured by a short warm-up of each kind of job here (a few training steps of the
/// job's own ensemble on synthetic images, a few estimates of each estimator), not from constants.
/// </summary>
/// <param name="Analysis">The analysis.</param>
/// <param name="Jobs">Jobs with work left.</param>
/// <param name="Units">Units left.</param>
/// <param name="MemberSteps">Member-steps left.</param>
/// <param name="Seconds">The estimated time, or NaN when the warm-up was skipped.</param>
/// <param name="WarmUpSeconds">How long the warm-up took.</param>
/// <param name="Rates">The measured speed per kind of job, e.g. <c>8x4: 13 runs: 7.1 ms per member-step</c>.</param>
/// <param name="Load">How busy the machine was during the warm-up, or null when it was not measured.</param>
public sealed record PlanEstimate(string Analysis, int Jobs, int Units, double MemberSteps, double Seconds, double WarmUpSeconds, IReadOnlyList<string> Rates,
    WarmUpLoad? Load = null)
{
    /// <summary>
    /// The estimate of <paramref name="jobs"/> whose units are not in <paramref name="store"/> (null: none finished), measured on
    /// <paramref name="device"/>.
    /// </summary>
    /// <param name="analysis">The analysis name.</param>
    /// <param name="jobs">The jobs this process will run.</param>
    /// <param name="store">The result store, to leave out finished units; null when nothing is finished.</param>
    /// <param name="device">Where the jobs will run.</param>
    /// <param name="measure">Whether to time the warm-up (false: counts only, <see cref="Seconds"/> NaN).</param>
    /// <param name="load">Measures what other processes do on the cores during the warm-up (default: this machine's <c>/proc</c>).</param>
    public static PlanEstimate Of(string analysis, IReadOnlyList<AnalysisJob> jobs, ResultStore? store, Device device, bool measure = true,
        CpuLoadMeter? load = null)
    {
        var pending = jobs.Where(j => store is null || !j.Units.All(store.Contains)).ToList();
        double steps = pending.Sum(j => j.Cost - (store is null ? 0 : j.FinishedCost(store)));
        int units = pending.Sum(j => j.Units.Count(u => store is null || !store.Contains(u)));
        if (!measure || pending.Count == 0) return new PlanEstimate(analysis, pending.Count, units, steps, measure ? 0 : double.NaN, 0, []);
        load ??= CpuLoadMeter.ForMachine();
        TorchThreads.Poll();   // takes this run's share of the cores before the warm-up, so that it times what the run will do
        load.Read(TorchThreads.RunProcessIds);
        var clock = Stopwatch.StartNew();
        using var timer = new JobTimer(device);
        var lines = new List<string>();
        double seconds = 0;
        foreach (var job in pending)
        {
            bool known = timer.HasMeasured(job);
            double rate = timer.SecondsPerCost(job);
            if (!known) lines.Add(string.Create(CultureInfo.InvariantCulture, $"{job.Label}: {rate * 1000:0.0#} ms per member-step"));
            seconds += rate * (job.Cost - (store is null ? 0 : job.FinishedCost(store)));
        }
        double warmUp = clock.Elapsed.TotalSeconds;
        // The processor times tick every 10 ms: a reading shorter than half a second says little, so a short warm-up waits for it.
        if (warmUp < WarmUpLoad.MinimumSeconds) Thread.Sleep(TimeSpan.FromSeconds(WarmUpLoad.MinimumSeconds - warmUp));
        var busy = load.Read(TorchThreads.RunProcessIds);
        var share = TorchThreads.State;
        var measured = new WarmUpLoad(busy?.Others, busy?.Cores ?? TorchThreads.Cores, timer.WorstSpread, share?.Threads, share?.OtherRuns ?? 0);
        return new PlanEstimate(analysis, pending.Count, units, steps, seconds, warmUp, lines, measured);
    }

    /// <summary>One line, e.g. <c>beta-sweep: 13 units in 1 job, 23,400 member-steps: about 2.9 minutes here (warm-up 1.1 s)</c>.</summary>
    public string Describe()
    {
        if (Jobs == 0) return $"{Analysis}: every unit is finished; nothing to run.";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Analysis}: {Units:N0} unit{(Units == 1 ? "" : "s")} to run in {Jobs} job{(Jobs == 1 ? "" : "s")}, ") +
            (MemberSteps >= 1e6 ? string.Create(CultureInfo.InvariantCulture, $"{MemberSteps / 1e6:0.0} M") : string.Create(CultureInfo.InvariantCulture, $"{MemberSteps:N0}")) +
            " member-steps";
        if (double.IsNaN(Seconds)) return text;
        var measured = string.Create(CultureInfo.InvariantCulture, $"measured by a {WarmUpSeconds:0.0} s warm-up");
        if (Load is { Busy: true } load)
            return text + $": {load.Condition} ({load.Describe()}), so the time cannot be measured now: about {Duration(Seconds)} at the speed " +
                   $"of the warm-up ({measured}{load.DescribeShare()}), more while the load grows and less once it ends";
        return text + string.Create(CultureInfo.InvariantCulture, $": about {Duration(Seconds)} on this machine ({Environment.ProcessorCount} cores; {measured}") +
               (Load?.DescribeShare() ?? "") + ")";
    }

    /// <summary>A duration for people: <c>45 s</c>, <c>3.5 minutes</c>, <c>2 h 10 min</c>, <c>5.3 days</c>.</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(seconds)):0} s"),
        < 600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} minutes"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} minutes"),
        < 48 * 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600):0} h {Math.Floor(seconds % 3600 / 60):00} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.0} days"),
    };
}

/// <summary>
/// Times the work of jobs on this machine (<see cref="PlanEstimate"/>, the time checks of a Slurm submission): training steps of
/// an ensemble on synthetic images, the exact gradient and estimates of an estimator on an untrained model of the configuration
/// (the cost does not depend on the weights), each measured once and reused for jobs of the same kind.
/// </summary>
public sealed class JobTimer(Device device) : IDisposable
{
    private readonly Dictionary<string, double> _rates = new(StringComparer.Ordinal);

    /// <summary>Whether a job of this kind was measured already.</summary>
    public bool HasMeasured(AnalysisJob job) => _rates.ContainsKey(job.ProbeSignature);

    /// <summary>Seconds per member-step of <paramref name="job"/> here, measured on the first job of its kind.</summary>
    public double SecondsPerCost(AnalysisJob job)
    {
        if (!_rates.TryGetValue(job.ProbeSignature, out double rate)) _rates[job.ProbeSignature] = rate = job.MeasureSecondsPerCost(this);
        return rate;
    }

    private const int ProbeEstimates = 64;
    private readonly Dictionary<string, double> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Trainer Trainer, VaeGradientProblem Problem)> _problems = new(StringComparer.Ordinal);

    /// <summary>Where the jobs will run.</summary>
    internal Device Device { get; } = device;

    /// <summary>The largest ratio of the median to the fastest timed step of one probe so far (1 when they agree).</summary>
    public double WorstSpread { get; private set; } = 1;

    /// <summary>Seconds per training step of <paramref name="trainer"/> (all its members): the fastest of a few steps timed after a
    /// warm-up that lasts until the runtime compiles nothing during a step (<see cref="StepSelection"/>).</summary>
    /// <remarks>
    /// In a process's first seconds .NET is still compiling the code these steps run (tiered compilation: unoptimised, then
    /// instrumented, then optimised, on a thread that takes a core from LibTorch's), and a notebook kernel compiles its own code
    /// beside them. That work only ever slows a step: so the timing starts at the first step with nothing compiled, and takes
    /// the fastest of the timed steps rather than their median. Timed by the median of three steps after two, the first plan of
    /// a process was 1.0–1.4× the run's time in the command line and up to 2× in a notebook kernel; now 0.8–1.1× in the command
    /// line (the quick β sweep, −ELBO table and temperature study, and two paper-budget slices of the table), and in the kernel
    /// 1.0× for the quick table's first plan (flagged unsteady) and about 0.7× for its later ones (one machine, one day). Below
    /// 1 is what the warm-up leaves out: each epoch's pass over the test images, the batches' preparation and, in the kernel,
    /// its own work beside the run. A machine loaded by other processes slows every step, the fastest too, and the plan names the
    /// load (<see cref="WarmUpLoad"/>).
    /// </remarks>
    internal double TimeSteps(Trainer trainer, int members, int batchSize)
    {
        using var generator = new Generator(0x5EED, Device);
        using var images = rand([members, batchSize, 784], generator: generator, device: Device);
        var selection = new StepSelection();
        var warmUp = Stopwatch.StartNew();
        while (!selection.Done)
        {
            TorchThreads.Poll();
            using var scope = NewDisposeScope();
            long compiled = JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            trainer.Step(images).cpu();
            selection.Add(clock.Elapsed.TotalSeconds, JitInfo.GetCompiledMethodCount() == compiled, warmUp.Elapsed.TotalSeconds);
        }
        // One slow step alone (a collection, a method compiled again) says nothing about the machine; a median well above the
        // fastest means most steps were slowed, and the plan says its timing is unsteady.
        WorstSpread = Math.Max(WorstSpread, selection.Spread);
        return selection.Fastest;
    }

    /// <summary>Seconds per training step of a reference model.</summary>
    internal double SecondsPerReferenceStep(ReferenceTraining training) => Cached($"reference|{training.Configuration}|{training.Estimator}|{training.Optimizer}|{training.BatchSize}", () =>
    {
        var options = new TrainingOptions(VaeConfiguration.Parse(training.Configuration), training.Optimizer, 1, training.BatchSize) { Device = Device };
        using var trainer = new Trainer(options, [new TrainingMember(training.Estimator, training.LearningRate, 0)]);
        return TimeSteps(trainer, 1, training.BatchSize);
    });

    /// <summary>Seconds of the exact gradient on a batch of 100 of <paramref name="configuration"/>.</summary>
    internal double SecondsPerOracle(string configuration)
    {
        Problem(configuration);
        return _cache[$"oracle|{configuration}"];
    }

    /// <summary>Seconds per estimate of <paramref name="spec"/> on a batch of 100 of <paramref name="configuration"/> (the same at every temperature).</summary>
    internal double SecondsPerEstimate(string configuration, string spec)
    {
        var catalog = EstimatorCatalog.Default;
        var parsed = EstimatorSpec.Parse(spec);
        var kind = catalog.Find(parsed.Name).TemperatureParameter is null ? catalog.Create(spec).Spec : catalog.WithTemperature(spec, 1.0);
        return Cached($"estimate|{configuration}|{kind}", () =>
        {
            var problem = Problem(configuration);
            using var scope = NewDisposeScope();
            var estimator = catalog.Create(spec);
            using var generator = new Generator(1, Device);
            problem.Measure(estimator, 2, generator);
            var clock = Stopwatch.StartNew();
            problem.Measure(estimator, ProbeEstimates, generator);
            return clock.Elapsed.TotalSeconds / ProbeEstimates;
        });
    }

    /// <summary>The gradient problem of an untrained model of <paramref name="configuration"/> on synthetic images, made once; its
    /// exact gradient is timed as it is made.</summary>
    private VaeGradientProblem Problem(string configuration)
    {
        if (_problems.TryGetValue(configuration, out var made)) return made.Problem;
        var options = new TrainingOptions(VaeConfiguration.Parse(configuration), OptimizerKind.Adam, 1) { Device = Device };
        var trainer = new Trainer(options, [new TrainingMember("st", 1e-3, 0)]);
        using var generator = new Generator(0x5EED, Device);
        var images = rand([100, 784], generator: generator, device: Device).DetachFromDisposeScope();
        var clock = Stopwatch.StartNew();
        var problem = new VaeGradientProblem(trainer.Model, images);
        _cache[$"oracle|{configuration}"] = clock.Elapsed.TotalSeconds;
        _problems[configuration] = (trainer, problem);
        return problem;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (trainer, _) in _problems.Values) trainer.Dispose();
        _problems.Clear();
    }

    private double Cached(string key, Func<double> measure)
    {
        if (!_cache.TryGetValue(key, out double value)) _cache[key] = value = measure();
        return value;
    }
}

/// <summary>How busy the machine was during a warm-up, and whether that makes its timing unreliable.</summary>
/// <param name="OthersBusy">Cores other processes kept busy on average, not counting the runs of ours that share the cores with this one
/// (those are accounted for by the share, which the warm-up ran with), or null where unknown.</param>
/// <param name="Cores">The cores of this process.</param>
/// <param name="Spread">The largest ratio of the median to the fastest timed step of one kind of work.</param>
/// <param name="Threads">The threads the warm-up ran (this run's share of the cores), or null when unknown.</param>
/// <param name="OtherRuns">Other runs of ours that shared the cores.</param>
public sealed record WarmUpLoad(double? OthersBusy, int Cores, double Spread, int? Threads = null, int OtherRuns = 0)
{
    /// <summary>The shortest span over which the load is read: the processor times tick every 10 ms.</summary>
    public const double MinimumSeconds = 0.5;

    /// <summary>Cores other processes must keep busy on average for the machine to count as busy.</summary>
    public const double BusyCores = 0.5;

    /// <summary>The ratio of the median to the fastest timed step of one kind beyond which the timing is unsteady.</summary>
    public const double UnsteadySpread = 1.5;

    /// <summary>Whether other processes took a real share of the cores, or the timed steps disagreed: the time measured may be far off.</summary>
    public bool Busy => OthersBusy >= BusyCores || Spread > UnsteadySpread;

    /// <summary>What makes the timing unreliable: <c>the machine is busy</c> when other processes took a share of the cores, else
    /// <c>the timing is unsteady</c> (the steps disagreed with nothing else seen running: this process's own other work, such as
    /// a notebook kernel compiling in the background, or a machine whose load this process cannot see).</summary>
    public string Condition => OthersBusy >= BusyCores ? "the machine is busy" : "the timing is unsteady";

    /// <summary>Why the machine counts as busy, e.g. <c>other processes kept 1.3 of its 2 cores busy during the warm-up; its timed steps differed by 3.1×</c>.</summary>
    public string Describe()
    {
        var reasons = new List<string>();
        if (OthersBusy >= BusyCores)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"other processes kept {OthersBusy:0.0} of its {Cores} cores busy during the warm-up"));
        if (Spread > UnsteadySpread)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"its timed steps differed by {Spread:0.0}×"));
        return string.Join("; ", reasons);
    }

    /// <summary><c>, 1 of 2 threads beside 1 other run here</c> when the warm-up ran on a share of the cores; empty otherwise.</summary>
    public string DescribeShare()
    {
        var c = CultureInfo.InvariantCulture;
        string threads = Threads is int t && t < Cores ? string.Create(c, $", {t} of {Cores} threads") : "";
        string runs = OtherRuns > 0 ? string.Create(c, $"{(threads.Length > 0 ? "" : ",")} beside {OtherRuns} other run{(OtherRuns == 1 ? "" : "s")} here") : "";
        return threads + runs;
    }
}
