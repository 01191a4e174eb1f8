using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

public sealed class MnistFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsAMatchingPair()
    {
        var (images, labels) = MnistFileReader.ReadPair(
            IdxBytes.Write(_dir.Combine("images"), IdxBytes.Images(12)), IdxBytes.WriteGzip(_dir.Combine("labels.gz"), IdxBytes.Labels(12)));
        Assert.Equal(12, images.Count);
        Assert.Equal(12, labels.Count);
    }

    [Fact]
    public void RejectsImagesOtherThan28By28()
    {
        var path = IdxBytes.Write(_dir.Combine("images"), IdxBytes.Images(2, side: 27));
        var e = Assert.Throws<InvalidDataException>(() => MnistFileReader.ReadImages(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("27 × 27", e.Message);
    }

    [Fact]
    public void RejectsLabelsAbove9_GivingValueAndIndex()
    {
        var path = IdxBytes.Write(_dir.Combine("labels"), IdxBytes.Build([4], [3, 9, 10, 0]));
        var e = Assert.Throws<InvalidDataException>(() => MnistFileReader.ReadLabels(path));
        Assert.Equal($"{path}: label 10 at index 2 is outside 0–9.", e.Message);
    }

    [Fact]
    public void RejectsDifferentCounts_NamingBothFiles()
    {
        var images = IdxBytes.Write(_dir.Combine("images"), IdxBytes.Images(5));
        var labels = IdxBytes.Write(_dir.Combine("labels"), IdxBytes.Labels(4));
        var e = Assert.Throws<InvalidDataException>(() => MnistFileReader.ReadPair(images, labels));
        Assert.Contains(images, e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("5 images", e.Message);
        Assert.Contains("4 labels", e.Message);
    }

    [Fact]
    public void RejectsLabelsGivenAsImages()
    {
        var path = IdxBytes.Write(_dir.Combine("labels"), IdxBytes.Labels(5));
        Assert.Throws<InvalidDataException>(() => MnistFileReader.ReadImages(path));
    }
}
