namespace NotebookExperiments.Data;

/// <summary>
/// Reads MNIST's IDX files (raw or gzipped, see <see cref="IdxReader"/>) and checks what MNIST requires beyond the IDX
/// structure: 28 × 28 images, labels in 0–9, and as many labels as images.
/// </summary>
/// <remarks>This checks structure only; the SHA-256 sums of <see cref="MnistManifest"/> are checked by the callers that load the real files.</remarks>
internal static class MnistFileReader
{
    /// <summary>The side of an MNIST image in pixels, 28.</summary>
    public const int ImageSide = 28;

    /// <summary>The pixels of an MNIST image, 28 × 28 = 784.</summary>
    public const int PixelsPerImage = ImageSide * ImageSide;

    /// <summary>The largest label, 9 (labels are the digits 0–9).</summary>
    public const byte MaxLabel = 9;

    /// <summary>Reads an images file: magic 0x00000803, dimensions N × 28 × 28, grey levels 0–255 (0 = background).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Any problem of <see cref="IdxReader.Read"/>, or images other than 28 × 28.</exception>
    public static IdxFile ReadImages(string path)
    {
        var file = IdxReader.Read(path, dimensionCount: 3);
        if (file.Dimensions[1] != ImageSide || file.Dimensions[2] != ImageSide)
            throw new InvalidDataException(
                $"{path}: images of {file.Dimensions[1]} × {file.Dimensions[2]} pixels, expected {ImageSide} × {ImageSide} (MNIST).");
        return file;
    }

    /// <summary>Reads a labels file: magic 0x00000801, dimensions N, every label in 0–9.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Any problem of <see cref="IdxReader.Read"/>, or a label above 9 (the message gives the first, with its index).</exception>
    public static IdxFile ReadLabels(string path)
    {
        var file = IdxReader.Read(path, dimensionCount: 1);
        var data = file.Data.Span;
        int bad = data.IndexOfAnyExceptInRange((byte)0, MaxLabel);
        if (bad >= 0)
            throw new InvalidDataException($"{path}: label {data[bad]} at index {bad} is outside 0–{MaxLabel}.");
        return file;
    }

    /// <summary>Reads an images file and its labels file and checks that they hold the same number of examples.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">Any problem of <see cref="ReadImages"/> or <see cref="ReadLabels"/>, or different counts (the message names both files).</exception>
    public static (IdxFile Images, IdxFile Labels) ReadPair(string imagesPath, string labelsPath)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (images.Count != labels.Count)
            throw new InvalidDataException(
                $"{imagesPath}: {images.Count:N0} images, but {labelsPath} has {labels.Count:N0} labels; the two files must hold the same examples.");
        return (images, labels);
    }
}
