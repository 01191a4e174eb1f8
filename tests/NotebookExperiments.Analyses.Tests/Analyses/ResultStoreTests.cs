using NotebookExperiments.Analyses;

namespace NotebookExperiments.Tests.Analyses;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("store-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Parameters(int A, double[] B);

    private sealed record Unit(string Name, double Value, double? Missing);

    [Fact]
    public void KeepsUnitsAcrossReopeningAndSkipsNothingTwice()
    {
        var p = new Parameters(1, [0.5, 1.5]);
        var store = ResultStore.Open(_dir, "demo", p);
        store.Append("u1", new Unit("one", 1.0, null));
        store.Append("u2", new Unit("two", double.NaN, 3));
        Assert.Throws<InvalidOperationException>(() => store.Append("u1", new Unit("again", 0, null)));

        var reopened = ResultStore.Open(_dir, "demo", p with { B = [0.5, 1.5] });
        Assert.Equal(["u1", "u2"], reopened.Keys);
        Assert.Equal(new Unit("one", 1.0, null), reopened.Get<Unit>("u1"));
        Assert.True(double.IsNaN(reopened.Get<Unit>("u2").Value));
        Assert.Equal(2, reopened.All<Unit>().Count);
    }

    [Fact]
    public void ChangedParametersNeverMixWithOldResults()
    {
        var first = ResultStore.Open(_dir, "demo", new Parameters(1, [0.5]));
        first.Append("u1", new Unit("one", 1, null));
        var second = ResultStore.Open(_dir, "demo", new Parameters(2, [0.5]));
        Assert.NotEqual(first.Path, second.Path);
        Assert.Equal(0, second.Count);
        Assert.True(File.Exists(Path.Combine(_dir, $"parameters-{second.Fingerprint}.json")));
    }

    [Fact]
    public void ALineCutShortByACrashIsIgnoredAndRepaired()
    {
        var p = new Parameters(3, []);
        var store = ResultStore.Open(_dir, "demo", p);
        store.Append("u1", new Unit("one", 1, null));
        File.AppendAllText(store.Path, "{\"key\":\"u2\",\"unit\":{\"na");   // the process died mid-write

        var reopened = ResultStore.Open(_dir, "demo", p);
        Assert.Equal(["u1"], reopened.Keys);
        reopened.Append("u2", new Unit("two", 2, null));
        Assert.Equal(["u1", "u2"], ResultStore.Open(_dir, "demo", p).Keys);
        Assert.Equal(3, File.ReadAllLines(store.Path).Length);
    }

    [Fact]
    public void AStoreOfAnotherAnalysisIsRefused()
    {
        var p = new Parameters(4, []);
        ResultStore.Open(_dir, "demo", p);
        var e = Assert.Throws<InvalidDataException>(() => ResultStore.Open(_dir, "other", p));
        Assert.Contains("another analysis", e.Message);
    }
}
