using NotebookExperiments.Analyses;
using NotebookExperiments.Native;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses.Running;

/// <summary>The warm-up's plan on a busy machine: it says so beside its estimate, from the load of other processes or from its own steps.</summary>
public sealed class PlanEstimateTests
{
    /// <summary>Processor times in which other processes keep <paramref name="others"/> cores busy and this one half a core, a second per reading.</summary>
    private sealed class SteadyLoad(double others) : ICpuReadings
    {
        private double _busy, _own;

        public double Clock { get; private set; }

        public int Cores => 2;

        public double? BusySeconds()
        {
            _busy += others + 0.5;
            _own += 0.5;
            Clock += 1;
            return _busy;
        }

        public double? ProcessSeconds(int processId) => processId == Environment.ProcessId ? _own : null;
    }

    private static IReadOnlyList<AnalysisJob> TinyJobs() =>
        new BetaSweep().Prepare(BetaSweepParameters.Quick with
        {
            Configurations = [new("3x2", OptimizerKind.Adam, 1e-3)], Betas = [0.0, 1.0], Seeds = [0], Epochs = 1, TrainSize = 200,
        }).Jobs(300);

    [Fact]
    public void AWarmUpBesideOtherProcessesSaysTheMachineIsBusyInsteadOfATime()
    {
        var readings = new SteadyLoad(others: 1.5);
        var plan = PlanEstimate.Of("beta-sweep", TinyJobs(), null, CPU, load: new CpuLoadMeter(readings, () => readings.Clock));

        Assert.NotNull(plan.Load);
        Assert.True(plan.Load.Busy);
        Assert.Equal(1.5, plan.Load.OthersBusy!.Value, 9);
        var text = plan.Describe();
        Assert.Contains("the machine is busy (other processes kept 1.5 of its 2 cores busy during the warm-up", text, StringComparison.Ordinal);
        Assert.Contains("so the time cannot be measured now", text, StringComparison.Ordinal);
        Assert.DoesNotContain("on this machine (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuietWarmUpGivesItsTime()
    {
        var plan = new PlanEstimate("beta-sweep", 1, 13, 23_400, 130, 1.1, [], new WarmUpLoad(0.1, 2, 1.08, Threads: 2));
        Assert.False(plan.Load!.Busy);
        Assert.Equal("beta-sweep: 13 units to run in 1 job, 23,400 member-steps: about 2.2 minutes on this machine " +
                     $"({Environment.ProcessorCount} cores; measured by a 1.1 s warm-up)", plan.Describe());
    }

    [Fact]
    public void StepsThatDisagreeMakeTheWarmUpUnsteady()
    {
        var load = new WarmUpLoad(0.0, 2, 3.14);
        Assert.True(load.Busy);
        Assert.Equal("its timed steps differed by 3.1×", load.Describe());
        var plan = new PlanEstimate("elbo-table", 2, 28, 8_400, 85, 0.4, [], load);
        Assert.Contains("the timing is unsteady (its timed steps differed by 3.1×), so the time cannot be measured now", plan.Describe(), StringComparison.Ordinal);
        var both = new PlanEstimate("elbo-table", 2, 28, 8_400, 85, 0.4, [], load with { OthersBusy = 1.2 });
        Assert.Contains("the machine is busy (other processes kept 1.2 of its 2 cores busy during the warm-up; its timed steps differed", both.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AShareOfTheCoresIsNamedBesideTheTime()
    {
        var load = new WarmUpLoad(0.0, 2, 1.1, Threads: 1, OtherRuns: 1);
        Assert.False(load.Busy);
        Assert.Equal(", 1 of 2 threads beside 1 other run here", load.DescribeShare());
        Assert.Equal(", beside 1 other run here", (load with { Threads = 2 }).DescribeShare());
        Assert.Equal("", (load with { Threads = 2, OtherRuns = 0 }).DescribeShare());
    }
}
