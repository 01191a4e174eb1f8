using System.Text.RegularExpressions;
using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

public sealed class MnistManifestTests
{
    [Fact]
    public void EmbeddedChecksumsMatchDataMnistSha256()
    {
        var root = RepositoryRoot.Find();
        Assert.NotNull(root);
        var lines = File.ReadAllLines(Path.Combine(root, "data", "mnist.sha256")).Where(l => l.Trim().Length > 0).ToList();
        var parsed = lines.Select(l => Regex.Match(l, "^([0-9a-f]{64})  (\\S+)$")).ToList();
        Assert.All(parsed, m => Assert.True(m.Success, $"not in sha256sum format: '{m.Value}'"));
        Assert.Equal(
            MnistManifest.Sha256.OrderBy(p => p.Key, StringComparer.Ordinal),
            parsed.Select(m => KeyValuePair.Create(m.Groups[2].Value, m.Groups[1].Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void NamesSplitsAndForms()
    {
        Assert.Equal(MnistManifest.TrainImages, MnistManifest.ImagesFileName(MnistSplit.Train));
        Assert.Equal(MnistManifest.TestLabels, MnistManifest.LabelsFileName(MnistSplit.Test));
        Assert.Equal(["t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"], MnistManifest.AcceptedNames(MnistManifest.TestImages));
        Assert.Throws<ArgumentException>(() => MnistManifest.AcceptedNames("emnist"));
    }

    [Fact]
    public void VerifySha256_AcceptsEitherCase_AndNamesSourceAndSumsOnMismatch()
    {
        var sum = MnistManifest.Sha256[MnistManifest.TrainLabels];
        MnistManifest.VerifySha256(MnistManifest.TrainLabels, sum.ToUpperInvariant(), "x");
        var e = Assert.Throws<InvalidDataException>(() => MnistManifest.VerifySha256(MnistManifest.TrainLabels, new string('0', 64), "somewhere", "Advice."));
        Assert.StartsWith("somewhere: SHA-256 " + new string('0', 64), e.Message);
        Assert.Contains(sum, e.Message);
        Assert.EndsWith("Advice.", e.Message);
    }

    [Fact]
    public void RepositoryRootIsFoundFromANestedFolder()
    {
        var root = RepositoryRoot.Find()!;
        Assert.Equal(root, RepositoryRoot.FindFrom(Path.Combine(root, "lib", "NotebookExperiments", "Data")));
        Assert.Null(RepositoryRoot.FindFrom(Path.GetPathRoot(Path.GetTempPath())!));
    }
}
