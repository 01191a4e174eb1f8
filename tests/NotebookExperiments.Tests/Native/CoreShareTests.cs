using NotebookExperiments.Native;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Native;

/// <summary>The share of a run as runs come and go and other processes load the cores, on a clock and a lease folder of the test's own.</summary>
public sealed class CoreShareTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly CpuLoadMeterTests.FakeReadings _readings = new(2);
    private double _seconds;
    private DateTimeOffset Now => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(_seconds);

    public CoreShareTests() => _readings.Processes[Environment.ProcessId] = 0;

    public void Dispose() => _folder.Dispose();

    private CoreLeases Leases() => new(_folder.Path, () => Now);

    private CoreShare Share(ThreadPolicy policy) => new(policy, Leases(), new CpuLoadMeter(_readings, () => _seconds), () => _seconds, cores: 2);

    /// <summary>Lets <paramref name="seconds"/> pass with this process keeping <paramref name="ours"/> cores busy and others <paramref name="others"/>.</summary>
    private void Pass(double seconds, double ours = 2, double others = 0)
    {
        _seconds += seconds;
        _readings.Busy += seconds * (ours + others);
        _readings.Processes[Environment.ProcessId] += seconds * ours;
    }

    [Fact]
    public void ASecondRunHalvesTheThreadsAtTheNextCheckAndTheyComeBackWhenItEnds()
    {
        using var share = Share(ThreadPolicy.Shared(2));
        Assert.Equal(2, share.Threads);

        Pass(0.5);
        var other = Leases().Take(null);   // another run starts
        Assert.False(share.Poll());       // checked at most once a second
        Assert.Equal(2, share.Threads);
        Pass(0.5);
        Assert.True(share.Poll());
        Assert.Equal(1, share.Threads);
        Assert.True(share.State.Shared);

        other.Dispose();
        Pass(1);
        Assert.False(share.Poll());       // a rise waits for a second check that agrees
        Assert.Equal(1, share.Threads);
        Pass(1);
        Assert.True(share.Poll());
        Assert.Equal(2, share.Threads);
        Assert.False(share.State.Shared);
    }

    [Fact]
    public void AnotherProcessThatKeepsACoreBusyTakesItFromTheShare()
    {
        using var share = Share(ThreadPolicy.Shared(2));
        Pass(1, ours: 1.2, others: 0.8);
        share.Poll();
        Assert.Equal(1, share.Threads);
        Assert.Equal(0.8, share.State.OthersBusy!.Value, 9);
        Assert.Contains("other processes keep 0.8 of 2 cores busy", share.State.Describe());

        Pass(1, ours: 1.8, others: 0.2);   // the other process ended
        share.Poll();
        Pass(1, ours: 1.8, others: 0.2);
        share.Poll();
        Assert.Equal(2, share.Threads);
    }

    [Fact]
    public void TheLoadOfOurOtherRunsIsNotCountedAsOthers()
    {
        using var share = Share(ThreadPolicy.Shared(2));
        using var peer = Leases().Take(null);   // same process here: its time is this process's
        Pass(1, ours: 2);
        share.Poll();
        Assert.Equal(0, share.State.OthersBusy!.Value, 9);
        Assert.Equal(1, share.Threads);
    }

    [Fact]
    public void AFixedCountNeverChangesAndOthersSeeIt()
    {
        using var user = Share(ThreadPolicy.Fixed(2, "--threads 2"));
        using var share = Share(ThreadPolicy.Shared(2));
        Assert.Equal(1, share.Threads);
        Pass(1, ours: 2, others: 1.9);
        Assert.False(user.Poll());
        Assert.Equal(2, user.Threads);
        Assert.Equal(2, Assert.Single(Leases().Active(), l => l.FixedThreads is not null).FixedThreads);
    }

    [Fact]
    public void AUserCountChosenLaterReplacesTheLeaseAndIsKept()
    {
        using var share = Share(ThreadPolicy.Shared(2));
        using var peer = Leases().Take(null);
        Pass(1);
        share.Poll();
        Assert.Equal(1, share.Threads);

        share.ChangePolicy(ThreadPolicy.Fixed(2, "threads = 2"));
        Assert.Equal(2, share.Threads);
        Assert.Equal(2, Leases().Active().Single(l => l.Id == share.LeaseId).FixedThreads);
        Pass(1);
        share.Poll();
        Assert.Equal(2, share.Threads);
    }
}
