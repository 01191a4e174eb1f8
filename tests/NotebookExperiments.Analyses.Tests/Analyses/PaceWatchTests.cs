using NotebookExperiments.Analyses;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Analyses;

public sealed class PaceWatchTests
{
    private double _now;

    /// <summary>Watches <paramref name="seconds"/> of a run doing <paramref name="stepsPerSecond"/> member-steps a second.</summary>
    private PaceWatch Watch(double? planned, double stepsPerSecond, double seconds)
    {
        var watch = new PaceWatch(planned, () => _now);
        for (double t = 0; t <= seconds; t += 1)
        {
            _now = t;
            watch.Observe(1000 + stepsPerSecond * t);   // 1000 steps were found finished
        }
        return watch;
    }

    private static CoreShareState Alone => new(2, 2, 2, 0, 0.1, false);

    [Fact]
    public void ARunFarBehindItsPlanSaysWhy()
    {
        var watch = Watch(planned: 0.01, stepsPerSecond: 20, seconds: 30);   // 0.05 s per step against 0.01
        Assert.Equal(0.05, watch.SecondsPerStep!.Value, 9);
        Assert.True(watch.IsBehind);
        Assert.Equal("5.0× slower than planned: 1 of 2 threads: 1 other run here, other processes keep 0.7 of 2 cores busy",
            watch.Note(new CoreShareState(1, 2, 2, 1, 0.7, false)));
        Assert.Equal("5.0× slower than planned: nothing else seen running here", watch.Note(Alone));
        Assert.Equal("5.0× slower than planned: nothing else seen running here", watch.Note(null));
    }

    [Fact]
    public void ARunOnItsPlanSaysNothingUnlessItSharesTheCores()
    {
        var watch = Watch(planned: 0.01, stepsPerSecond: 90, seconds: 30);
        Assert.False(watch.IsBehind);
        Assert.Null(watch.Note(Alone));
        Assert.Equal("sharing the cores: 1 of 2 threads: 1 other run here", watch.Note(new CoreShareState(1, 2, 2, 1, 0, false)));
    }

    [Fact]
    public void ThePaceIsJudgedAfterTwentySecondsOnTheLastMinute()
    {
        Assert.Null(Watch(planned: 0.01, stepsPerSecond: 1, seconds: 10).SecondsPerStep);
        var watch = new PaceWatch(0.01, () => _now);
        for (int t = 0; t <= 200; t++)
        {
            _now = t;
            watch.Observe(t < 100 ? 1 * t : 100 + 100 * (t - 100));   // slow for 100 s, then on pace
        }
        Assert.False(watch.IsBehind);
        Assert.Equal(0.01, watch.SecondsPerStep!.Value, 9);
    }

    [Fact]
    public void WithoutAPlanOnlyTheShareIsSaid()
    {
        var watch = Watch(planned: null, stepsPerSecond: 1, seconds: 60);
        Assert.False(watch.IsBehind);
        Assert.Null(watch.Note(Alone));
    }
}
