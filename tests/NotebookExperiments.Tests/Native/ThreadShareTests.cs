using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public class ThreadShareTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CoreLeaseEntry Shared(string id, int secondsAfter = 0) => new(id, 1000, T0.AddSeconds(secondsAfter), null);

    private static CoreLeaseEntry Fixed(string id, int threads, int secondsAfter = 0) => new(id, 2000, T0.AddSeconds(secondsAfter), threads);

    [Fact]
    public void ARunAloneTakesEveryCore()
    {
        Assert.Equal(2, ThreadShare.ThreadsFor("a", [Shared("a")], cores: 2, othersBusy: 0));
        Assert.Equal(8, ThreadShare.ThreadsFor("a", [Shared("a")], cores: 8, othersBusy: 0.2));
    }

    [Fact]
    public void RunsSplitTheCoresAndTheOldestGetTheRemainder()
    {
        CoreLeaseEntry[] runs = [Shared("b", 1), Shared("a", 0), Shared("c", 2)];
        Assert.Equal([1, 1], new[] { "a", "b" }.Select(id => ThreadShare.ThreadsFor(id, [Shared("a"), Shared("b", 1)], 2, 0)));
        Assert.Equal([3, 3, 2], new[] { "a", "b", "c" }.Select(id => ThreadShare.ThreadsFor(id, runs, 8, 0)));
        // More runs than cores: one thread each, never none.
        Assert.Equal([1, 1, 1], new[] { "a", "b", "c" }.Select(id => ThreadShare.ThreadsFor(id, runs, 2, 0)));
    }

    [Fact]
    public void AFixedCountIsKeptAndTakesItsCoresFromTheShare()
    {
        CoreLeaseEntry[] runs = [Fixed("user", 3), Shared("a", 1)];
        Assert.Equal(3, ThreadShare.ThreadsFor("user", runs, 4, othersBusy: 3.5));
        Assert.Equal(1, ThreadShare.ThreadsFor("a", runs, 4, 0));
        Assert.Equal(5, ThreadShare.ThreadsFor("a", runs, 8, 0));
        Assert.Equal(1, ThreadShare.ThreadsFor("a", [Fixed("user", 8), Shared("a")], 4, 0));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 0)]
    [InlineData(0.6, 1)]
    [InlineData(1.55, 1)]
    [InlineData(1.7, 2)]
    [InlineData(7.0, 3)]   // never every core: a run keeps at least one
    [InlineData(double.NaN, 0)]
    public void OtherProcessesTakeWholeCoresFromAboveSixTenths(double busy, int taken)
    {
        Assert.Equal(taken, ThreadShare.CoresTakenByOthers(busy, 4));
        Assert.Equal(Math.Max(1, 4 - taken), ThreadShare.ThreadsFor("a", [Shared("a")], 4, busy));
    }

    [Fact]
    public void ALeaseMustBeAmongTheLeases() =>
        Assert.Throws<ArgumentException>(() => ThreadShare.ThreadsFor("x", [Shared("a")], 2, 0));
}
