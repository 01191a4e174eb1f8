using NotebookExperiments.Cli;
using NotebookExperiments.Data;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli;

/// <summary><c>fetch-data</c> on the real MNIST (fetched or verified once by <see cref="MnistFixture"/>) and on a corrupt copy.</summary>
[Collection(MnistCollection.Name)]
public sealed class FetchDataCommandTests(MnistFixture mnist)
{
    [Fact]
    public async Task FetchDataCommand_VerifiesAPresentFolder_AndReportsACorruptFile()
    {
        Assert.Equal(0, await CliApplication.RunAsync(["fetch-data", "--dir", mnist.Files.Directory]));

        using var dir = new TempDirectory();
        foreach (var name in MnistManifest.FileNames) mnist.LinkOrCopy(name, dir.Combine(name));
        File.Delete(dir.Combine(MnistManifest.TrainLabels));
        IdxBytes.Write(dir.Combine(MnistManifest.TrainLabels), IdxBytes.Labels(60_000));
        Assert.Equal(2, await CliApplication.RunAsync(["fetch-data", "--dir", dir.Path]));
    }
}
