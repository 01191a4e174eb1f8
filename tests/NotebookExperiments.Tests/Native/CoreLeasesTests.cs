using NotebookExperiments.Native;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Native;

public sealed class CoreLeasesTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private DateTimeOffset _now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public void Dispose() => _folder.Dispose();

    private CoreLeases Leases() => new(_folder.Path, () => _now);

    [Fact]
    public void ALeaseIsSeenWithItsKindUntilItIsReleased()
    {
        var leases = Leases();
        using var shared = leases.Take(null);
        _now += TimeSpan.FromMilliseconds(5);
        var fixedLease = leases.Take(3);

        var active = leases.Active();
        Assert.Equal([shared.Entry, fixedLease.Entry], active);
        Assert.Null(active[0].FixedThreads);
        Assert.Equal(3, active[1].FixedThreads);
        Assert.Equal(Environment.ProcessId, active[0].ProcessId);

        fixedLease.Dispose();
        Assert.Equal([shared.Entry], leases.Active());
        Assert.False(File.Exists(fixedLease.Path));
    }

    [Fact]
    public void ALeaseWhoseHolderStoppedCheckingNoLongerCountsButItsOwnerStillSeesIt()
    {
        var leases = Leases();
        using var idle = leases.Take(null);
        _now += TimeSpan.FromMilliseconds(5);
        using var busy = leases.Take(null);
        _now += CoreLeases.ActiveFor + TimeSpan.FromSeconds(1);
        busy.Touch();

        Assert.Equal([busy.Entry], leases.Active());
        Assert.Equal([idle.Entry, busy.Entry], leases.Active([idle.Entry.Id]));
    }

    [Fact]
    public void TheFileOfAProcessThatEndedIsUnlockedAndDeletedByTheNextReader()
    {
        var leases = Leases();
        // What a crashed holder leaves: the file under its final name, with nobody holding its lock.
        var orphan = _folder.Combine("1772366400000-999999-0badc0de.s.lease");
        File.WriteAllText(orphan, "");
        File.SetLastWriteTimeUtc(orphan, _now.UtcDateTime);

        Assert.Empty(leases.Active());
        Assert.False(File.Exists(orphan));
    }

    [Theory]
    [InlineData("1772366400000-42-0123abcd.s.lease", 42, null)]
    [InlineData("1772366400000-42-0123abcd.f4.lease", 42, 4)]
    public void LeaseNamesSayWhoAndHowManyThreads(string name, int pid, int? threads)
    {
        var entry = CoreLeases.Parse(name);
        Assert.NotNull(entry);
        Assert.Equal((pid, threads, "1772366400000-42-0123abcd"), (entry.ProcessId, entry.FixedThreads, entry.Id));
    }

    [Theory]
    [InlineData("1772366400000-42-0123abcd.s.taking")]
    [InlineData("1772366400000-42-0123abcd.f0.lease")]
    [InlineData("notes.lease")]
    public void OtherFilesAreNotLeases(string name) => Assert.Null(CoreLeases.Parse(name));
}
