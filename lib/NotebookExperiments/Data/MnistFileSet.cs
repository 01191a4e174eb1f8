namespace NotebookExperiments.Data;

/// <summary>
/// The four MNIST files found in (or fetched into) a folder, each as the full path of the form present: uncompressed
/// (<c>train-images-idx3-ubyte</c>) or gzipped (<c>train-images-idx3-ubyte.gz</c>).
/// </summary>
/// <param name="Directory">The folder, as a full path.</param>
/// <param name="TrainImages">The path of <see cref="MnistManifest.TrainImages"/> or its <c>.gz</c> form.</param>
/// <param name="TrainLabels">The path of <see cref="MnistManifest.TrainLabels"/> or its <c>.gz</c> form.</param>
/// <param name="TestImages">The path of <see cref="MnistManifest.TestImages"/> or its <c>.gz</c> form.</param>
/// <param name="TestLabels">The path of <see cref="MnistManifest.TestLabels"/> or its <c>.gz</c> form.</param>
internal sealed record MnistFileSet(string Directory, string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    /// <summary>The names (from <see cref="MnistManifest.FileNames"/>) of the files that were fetched when this set was made; empty when all were already present.</summary>
    public IReadOnlyList<string> Fetched { get; init; } = [];

    /// <summary>Whether the SHA-256 of every file was checked when this set was made (fetched files always are; present ones on request).</summary>
    public bool Verified { get; init; }

    /// <summary>The path of a file by its name in <see cref="MnistManifest.FileNames"/>.</summary>
    /// <exception cref="ArgumentException">Not an MNIST file name.</exception>
    public string PathOf(string fileName) => fileName switch
    {
        MnistManifest.TrainImages => TrainImages,
        MnistManifest.TrainLabels => TrainLabels,
        MnistManifest.TestImages => TestImages,
        MnistManifest.TestLabels => TestLabels,
        _ => throw new ArgumentException($"'{fileName}' is not an MNIST file name. Accepted: {string.Join(", ", MnistManifest.FileNames)}.", nameof(fileName)),
    };
}
