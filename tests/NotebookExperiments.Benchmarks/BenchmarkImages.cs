using NotebookExperiments.Data;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks;

/// <summary>
/// A pool of MNIST-shaped images <c>[N, 784]</c>, float32 grey levels in [0, 1], cut into batches without copying:
/// synthetic (uniform random grey levels, so the benchmarks need no dataset) or the first N real MNIST training images.
/// </summary>
/// <remarks>The compute of a step does not depend on pixel values (dense layers, no sparsity), so synthetic images time
/// the same work; <c>--mnist</c> is there to check that.</remarks>
internal sealed class BenchmarkImages : IDisposable
{
    /// <summary>Images in the pool: 30 batches of 100, enough for one 29-member ensemble batch.</summary>
    public const int DefaultCount = 3000;

    private BenchmarkImages(Tensor pool, string description)
    {
        Pool = pool;
        Description = description;
    }

    /// <summary>The images <c>[N, 784]</c>.</summary>
    public Tensor Pool { get; }

    /// <summary>What the images are, for the report.</summary>
    public string Description { get; }

    /// <summary>Uniform random grey levels from a seeded generator.</summary>
    public static BenchmarkImages Synthetic(long seed, int count = DefaultCount)
    {
        using var generator = new Generator((ulong)seed + 101);
        var pool = rand([count, MnistDataset.PixelsPerImage], ScalarType.Float32, generator: generator).DetachFromDisposeScope();
        return new BenchmarkImages(pool, $"synthetic, {count} images of uniform random grey levels [N, 784]");
    }

    /// <summary>The first <paramref name="count"/> MNIST training images (fetched into <c>data/mnist</c> when missing).</summary>
    public static BenchmarkImages Mnist(int count = DefaultCount)
    {
        using var train = MnistDataset.Load(MnistSplit.Train);
        using var scope = NewDisposeScope();
        var pool = train.Images.narrow(0, 0, count).clone().DetachFromDisposeScope();
        return new BenchmarkImages(pool, $"MNIST, the first {count} training images");
    }

    /// <summary>
    /// Batch number <paramref name="index"/> of <paramref name="members"/>×<paramref name="batchSize"/> consecutive images, as
    /// <c>[members, B, 784]</c> (a view of the pool; batches wrap around the pool).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The pool holds fewer than members × B images.</exception>
    public Tensor Batch(int index, int members, int batchSize)
    {
        long size = (long)members * batchSize, count = Pool.shape[0];
        if (size > count) throw new ArgumentOutOfRangeException(nameof(members), $"{members}×{batchSize} images do not fit a pool of {count}.");
        long batches = count / size;
        return Pool.narrow(0, index % batches * size, size).view(members, batchSize, -1);
    }

    /// <summary>Frees the pool.</summary>
    public void Dispose() => Pool.Dispose();
}
