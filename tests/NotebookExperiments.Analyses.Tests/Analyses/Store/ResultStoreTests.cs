using System.Text.Json.Nodes;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses.Store;

/// <summary>The result store: units kept across runs, one file per writer with an atomic header, and files of other code, devices or analyses left unread.</summary>
public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("store-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Unit(string Name, double Value, double? Missing);

    private static string Header(string analysis = "demo", int? revision = null, string device = "cpu", int format = ResultStore.Format) =>
        new JsonObject { ["format"] = format, ["analysis"] = analysis, ["revision"] = revision ?? ResultsRevision.Current, ["device"] = device }.ToJsonString();

    [Fact]
    public void KeepsUnitsAcrossReopeningAndSkipsNothingTwice()
    {
        var store = ResultStore.Open(_dir, "demo");
        Assert.Empty(Directory.GetFiles(_dir, "units-*"));          // no file until the first unit
        store.Append("u1", new Unit("one", 1.0, null));
        store.Append("u2", new Unit("two", double.NaN, 3));
        Assert.Throws<InvalidOperationException>(() => store.Append("u1", new Unit("again", 0, null)));

        var reopened = ResultStore.Open(_dir, "demo");
        Assert.Equal(["u1", "u2"], reopened.Keys);
        Assert.Equal(new Unit("one", 1.0, null), reopened.Get<Unit>("u1"));
        Assert.True(double.IsNaN(reopened.Get<Unit>("u2").Value));
        Assert.Equal(["u3"], reopened.MissingOf(["u1", "u3"]));
        Assert.Throws<KeyNotFoundException>(() => reopened.Get<Unit>("u3"));
    }

    [Fact]
    public void EveryWriterAppendsToItsOwnFileAndEveryStoreReadsThemAll()
    {
        var first = ResultStore.Open(_dir, "demo", writer: "host-a-1");
        var second = ResultStore.Open(_dir, "demo", writer: "host-b-7");
        first.Append("u1", new Unit("one", 1, null));
        second.Append("u2", new Unit("two", 2, null));
        Assert.NotEqual(first.Path, second.Path);
        Assert.Equal(["units-host-a-1.jsonl", "units-host-b-7.jsonl"], Directory.GetFiles(_dir, "units-*").Select(Path.GetFileName).Order());
        Assert.Equal(["u1", "u2"], ResultStore.Open(_dir, "demo").Keys.Order());
        // Two stores of one process get two names.
        Assert.NotEqual(ResultStore.Open(_dir, "demo").Path, ResultStore.Open(_dir, "demo").Path);
    }

    [Fact]
    public void TheHeaderIsWrittenWholeAndNamesTheCodeAndTheDevice()
    {
        var store = ResultStore.Open(_dir, "demo", "cuda");
        store.Append("u1", new Unit("one", 1, null));
        var header = JsonNode.Parse(File.ReadLines(store.Path).First())!;
        Assert.Equal(ResultStore.Format, (int)header["format"]!);
        Assert.Equal("demo", (string)header["analysis"]!);
        Assert.Equal(ResultsRevision.Current, (int)header["revision"]!);
        Assert.Equal("cuda", (string)header["device"]!);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        Assert.Empty(Directory.GetFiles(_dir, ".*"));
    }

    [Fact]
    public void UnitsOfOtherCodeDevicesOrAnalysesAreNotRead()
    {
        File.WriteAllText(Path.Combine(_dir, "units-old.jsonl"), Header(revision: ResultsRevision.Current - 1) + "\n{\"key\":\"u1\",\"unit\":{\"name\":\"old\"}}\n");
        File.WriteAllText(Path.Combine(_dir, "units-gpu.jsonl"), Header(device: "cuda") + "\n{\"key\":\"u2\",\"unit\":{\"name\":\"gpu\"}}\n");
        File.WriteAllText(Path.Combine(_dir, "units-other.jsonl"), Header(analysis: "other") + "\n{\"key\":\"u3\",\"unit\":{\"name\":\"other\"}}\n");
        File.WriteAllText(Path.Combine(_dir, "units-v1.jsonl"), "{\"analysis\":\"demo\",\"fingerprint\":\"0123\"}\n{\"key\":\"u4\",\"unit\":{\"name\":\"v1\"}}\n");
        var store = ResultStore.Open(_dir, "demo");
        Assert.Equal(0, store.Count);
        Assert.Equal(4, store.Ignored.Count);
        Assert.Contains(store.Ignored, i => i.Path.EndsWith("units-old.jsonl") && i.Reason.Contains($"results revision {ResultsRevision.Current - 1}", StringComparison.Ordinal));
        Assert.Contains(store.Ignored, i => i.Path.EndsWith("units-gpu.jsonl") && i.Reason.Contains("computed on cuda, not cpu", StringComparison.Ordinal));
        Assert.Contains(store.Ignored, i => i.Path.EndsWith("units-other.jsonl") && i.Reason.Contains("units of other", StringComparison.Ordinal));
        Assert.Contains(store.Ignored, i => i.Path.EndsWith("units-v1.jsonl") && i.Reason.Contains("format 1", StringComparison.Ordinal));
        // The GPU's units are read when they are asked for.
        Assert.Equal(["u2"], ResultStore.Open(_dir, "demo", "cuda").Keys);
    }

    [Fact]
    public void AMergeReadsTheOneDeviceTheUnitsWereComputedOnAndRefusesTwo()
    {
        File.WriteAllText(Path.Combine(_dir, "units-gpu.jsonl"), Header(device: "cuda") + "\n{\"key\":\"u2\",\"unit\":{\"name\":\"gpu\"}}\n");
        Assert.Equal("cuda", ResultStore.Open(_dir, "demo", device: null).Device);
        File.WriteAllText(Path.Combine(_dir, "units-cpu.jsonl"), Header() + "\n{\"key\":\"u1\",\"unit\":{\"name\":\"cpu\"}}\n");
        var e = Assert.Throws<InvalidDataException>(() => ResultStore.Open(_dir, "demo", device: null));
        Assert.Contains("cpu and cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWhoseHeaderWasNeverWrittenDoesNotBlockTheFolder()
    {
        File.WriteAllText(Path.Combine(_dir, "units-crashed.jsonl"), "");
        File.WriteAllText(Path.Combine(_dir, "units-torn.jsonl"), "{\"format\":2,\"anal");
        var store = ResultStore.Open(_dir, "demo");
        Assert.Equal(2, store.Ignored.Count);
        Assert.All(store.Ignored, i => Assert.Contains("header is missing or unreadable", i.Reason, StringComparison.Ordinal));
        store.Append("u1", new Unit("one", 1, null));
        Assert.Equal(["u1"], ResultStore.Open(_dir, "demo").Keys);
    }

    [Fact]
    public void ALineCutShortByACrashIsIgnored()
    {
        var store = ResultStore.Open(_dir, "demo");
        store.Append("u1", new Unit("one", 1, null));
        File.AppendAllText(store.Path, "{\"key\":\"u2\",\"unit\":{\"na");   // the process died mid-write
        var reopened = ResultStore.Open(_dir, "demo");
        Assert.Equal(["u1"], reopened.Keys);
        reopened.Append("u2", new Unit("two", 2, null));
        Assert.Equal(["u1", "u2"], ResultStore.Open(_dir, "demo").Keys.Order());
    }

    [Fact]
    public void AUnitKeyNamesEveryInputAndReadsBackItsLabel()
    {
        var key = UnitKey.Of("8x4|beta=0.5|seed=0", new { epochs = 18, estimator = "reinmax-rk2:beta=0.5,tau=1" });
        Assert.Matches(@"^8x4\|beta=0\.5\|seed=0#[0-9a-f]{16}$", key);
        Assert.Equal("8x4|beta=0.5|seed=0", UnitKey.LabelOf(key));
        Assert.Equal(key, UnitKey.Of("8x4|beta=0.5|seed=0", new { epochs = 18, estimator = "reinmax-rk2:beta=0.5,tau=1" }));
        Assert.NotEqual(key, UnitKey.Of("8x4|beta=0.5|seed=0", new { epochs = 19, estimator = "reinmax-rk2:beta=0.5,tau=1" }));
        Assert.Throws<ArgumentException>(() => UnitKey.Of("a#b", new { }));
    }
}
