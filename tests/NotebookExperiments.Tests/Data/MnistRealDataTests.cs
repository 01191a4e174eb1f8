using NotebookExperiments.Data;
using static TorchSharp.torch;
using static NotebookExperiments.Tests.Data.TensorComparison;

namespace NotebookExperiments.Tests.Data;

/// <summary>The real MNIST, fetched or verified once by <see cref="MnistFixture"/>: sizes, value ranges, known statistics and the gzipped form.</summary>
[Collection(MnistCollection.Name)]
public sealed class MnistRealDataTests(MnistFixture mnist)
{
    private static readonly long[] TrainDigitCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly long[] TestDigitCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    [Fact]
    public void TrainingSet_Has60000GreyImagesAndLabels()
    {
        var train = mnist.Train;
        Assert.Equal(60_000, train.Count);
        Assert.Equal(new long[] { 60_000, 784 }, train.Images.shape);
        Assert.Equal(ScalarType.Float32, train.Images.dtype);
        Assert.Equal(new long[] { 60_000 }, train.Labels.shape);
        Assert.Equal(ScalarType.Int64, train.Labels.dtype);
        Assert.Equal(0f, train.Images.min().item<float>());
        Assert.Equal(1f, train.Images.max().item<float>());
        Assert.Equal(TrainDigitCounts, train.Labels.bincount(null, 10).data<long>().ToArray());
        Assert.Equal(5, train.Labels[0].item<long>());
        Assert.Equal(0.1307, train.Images.mean().item<float>(), 3);
    }

    [Fact]
    public void TestSet_Has10000GreyImagesAndLabels()
    {
        var test = mnist.Test;
        Assert.Equal(new long[] { 10_000, 784 }, test.Images.shape);
        Assert.Equal(new long[] { 10_000 }, test.Labels.shape);
        Assert.Equal(TestDigitCounts, test.Labels.bincount(null, 10).data<long>().ToArray());
        Assert.Equal(7, test.Labels[0].item<long>());
    }

    [Fact]
    public void GreyLevelsAreBytesOver255_NotBinarised()
    {
        using var scope = NewDisposeScope();
        var scaled = mnist.Test.Images * 255;
        Assert.True((scaled - scaled.round()).abs().max().item<float>() < 1e-4f);
        var distinct = scaled.round().unique().Item1.numel();
        Assert.True(distinct > 200, $"only {distinct} grey levels");
    }

    [Fact]
    public void AShuffledEpochOfTheTrainingSet_Is600BatchesOf100()
    {
        using var generator = new Generator(0);
        long batches = 0, examples = 0;
        foreach (var batch in mnist.Train.Batches(100, shuffle: generator))
        {
            batches++;
            examples += batch.Size;
        }
        Assert.Equal(600, batches);
        Assert.Equal(60_000, examples);
    }

    [Fact]
    public void GzippedFilesLoadToTheSameTensors()
    {
        using var dir = new TempDirectory();
        foreach (var name in MnistManifest.FileNames)
        {
            var content = mnist.ReadAll(name);
            if (name.StartsWith("t10k", StringComparison.Ordinal)) IdxBytes.WriteGzip(dir.Combine(name + ".gz"), content);
            else mnist.LinkOrCopy(name, dir.Combine(name));
        }
        var files = MnistLocator.TryLocate(dir.Path);
        Assert.NotNull(files);
        Assert.EndsWith(".gz", files.TestImages);
        MnistLocator.Verify(files);
        using var test = MnistDataset.FromFileSet(files, MnistSplit.Test);
        Assert.True(Identical(test.Images, mnist.Test.Images));
        Assert.True(Identical(test.Labels, mnist.Test.Labels));
    }

    [Fact]
    public void LoadingAFileWithAWrongChecksum_FailsNamingIt()
    {
        using var dir = new TempDirectory();
        foreach (var name in MnistManifest.FileNames) mnist.LinkOrCopy(name, dir.Combine(name));
        var labels = mnist.ReadAll(MnistManifest.TestLabels);
        labels[^1] = (byte)((labels[^1] + 1) % 10);
        File.Delete(dir.Combine(MnistManifest.TestLabels));
        IdxBytes.Write(dir.Combine(MnistManifest.TestLabels), labels);

        var e = Assert.Throws<InvalidDataException>(() => MnistDataset.FromFileSet(MnistLocator.TryLocate(dir.Path)!, MnistSplit.Test));
        Assert.StartsWith(dir.Combine(MnistManifest.TestLabels) + ": SHA-256", e.Message);
    }

    [Fact]
    public void LoadFindsTheRepositoryFolder()
    {
        Assert.Equal(Path.Combine(RepositoryRoot.Find()!, "data", "mnist"), mnist.Files.Directory);
        using var test = MnistDataset.Load(MnistSplit.Test);
        Assert.Equal(10_000, test.Count);
    }
}
