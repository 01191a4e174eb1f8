using NotebookExperiments.Data;
using static TorchSharp.torch;
using static NotebookExperiments.Tests.Data.TensorComparison;

namespace NotebookExperiments.Tests.Data;

/// <summary><see cref="MnistDataset"/> on small synthetic data and crafted files: conversion, batching, shuffling, binarisation.</summary>
public sealed class MnistDatasetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>N examples; image i has every pixel equal to i / N, label i mod 10.</summary>
    private static MnistDataset Synthetic(int count) =>
        MnistDataset.FromTensors(
            (arange(count, ScalarType.Float32) / count).unsqueeze(1).expand(count, MnistDataset.PixelsPerImage).contiguous(),
            arange(count, ScalarType.Int64) % 10);

    private static long[] Indices(MnistBatch batch) => batch.Indices.data<long>().ToArray();

    [Fact]
    public void FromFiles_ConvertsBytesToGreyLevelsOver255_AndLabelsToInt64()
    {
        var images = IdxBytes.Write(_dir.Combine("images"), IdxBytes.Images(3));
        var labels = IdxBytes.WriteGzip(_dir.Combine("labels.gz"), IdxBytes.Labels(3));
        using var data = MnistDataset.FromFiles(images, labels);

        Assert.Equal(3, data.Count);
        Assert.Equal(new long[] { 3, 784 }, data.Images.shape);
        Assert.Equal(ScalarType.Float32, data.Images.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        var expected = IdxBytes.Images(3)[16..].Select(b => b / 255f).ToArray();
        Assert.Equal(expected, data.Images.data<float>().ToArray());
        Assert.Equal(new long[] { 0, 1, 2 }, data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void FromFiles_RejectsMismatchedFiles()
    {
        var images = IdxBytes.Write(_dir.Combine("images"), IdxBytes.Images(3));
        var labels = IdxBytes.Write(_dir.Combine("labels"), IdxBytes.Labels(2));
        Assert.Throws<InvalidDataException>(() => MnistDataset.FromFiles(images, labels));
    }

    [Fact]
    public void FromTensors_RejectsWrongShapesAndTypes()
    {
        Assert.Throws<ArgumentException>(() => MnistDataset.FromTensors(zeros(4, 783), zeros(4, ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => MnistDataset.FromTensors(zeros(4, 784, ScalarType.Float64), zeros(4, ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => MnistDataset.FromTensors(zeros(4, 784), zeros(3, ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => MnistDataset.FromTensors(zeros(4, 784), zeros(4, ScalarType.Int32)));
    }

    [Fact]
    public void TensorsOutliveADisposeScopeTheyWereCreatedIn()
    {
        MnistDataset data;
        using (NewDisposeScope()) data = Synthetic(10);
        using (data)
        {
            Assert.False(data.Images.IsInvalid);
            Assert.Equal(10, data.Count);
        }
    }

    [Fact]
    public void Batches_InOrder_KeepTheLastPartialBatch()
    {
        using var data = Synthetic(10);
        var sizes = new List<long>();
        var seen = new List<long>();
        foreach (var batch in data.Batches(4))
        {
            sizes.Add(batch.Size);
            seen.AddRange(Indices(batch));
            Assert.Equal(new long[] { batch.Size, 784 }, batch.Images.shape);
            Assert.True(Identical(batch.Images, data.Images.index_select(0, batch.Indices)));
            Assert.True(Identical(batch.Labels, data.Labels.index_select(0, batch.Indices)));
        }
        Assert.Equal([4L, 4, 2], sizes);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen);
        Assert.Equal(3, data.BatchCount(4));
    }

    [Fact]
    public void Batches_Shuffled_CoverEveryExampleOnce_AndAreDeterministicForASeed()
    {
        using var data = Synthetic(103);
        long[] Epoch(ulong seed)
        {
            using var generator = new Generator(seed);
            return data.Batches(10, shuffle: generator).SelectMany(Indices).ToArray();
        }

        var first = Epoch(7);
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), first.Order());
        Assert.Equal(first, Epoch(7));
        Assert.NotEqual(first, Epoch(8));
        Assert.NotEqual(Enumerable.Range(0, 103).Select(i => (long)i), first);
    }

    [Fact]
    public void Batches_SuccessiveEpochsFromOneGeneratorDiffer()
    {
        using var data = Synthetic(50);
        using var generator = new Generator(3);
        var a = data.Batches(50, shuffle: generator).SelectMany(Indices).ToArray();
        var b = data.Batches(50, shuffle: generator).SelectMany(Indices).ToArray();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Batches_AreDisposedWhenTheEnumerationMovesOn()
    {
        using var data = Synthetic(10);
        MnistBatch? previous = null;
        foreach (var batch in data.Batches(3))
        {
            if (previous is not null) Assert.True(previous.Images.IsInvalid);
            Assert.False(batch.Images.IsInvalid);
            previous = batch;
        }
        Assert.True(previous!.Images.IsInvalid);
    }

    [Fact]
    public void Batches_RejectABatchSizeBelowOne_AtOnce()
    {
        using var data = Synthetic(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Batches(0));
    }

    [Fact]
    public void DynamicBinarisation_DrawsZerosAndOnesWithTheGreyLevelAsProbability()
    {
        using var data = MnistDataset.FromTensors(full(2000, 784, 0.3f), zeros(2000, ScalarType.Int64));
        using var generator = new Generator(11);
        double sum = 0;
        foreach (var batch in data.Batches(500, binarise: generator))
        {
            Assert.True((batch.Images.eq(0) | batch.Images.eq(1)).all().item<bool>());
            sum += batch.Images.sum().item<float>();
        }
        double mean = sum / (2000.0 * 784);
        Assert.InRange(mean, 0.3 - 0.003, 0.3 + 0.003); // standard error 0.0004
        Assert.True(data.Images.eq(0.3f).all().item<bool>());
    }

    [Fact]
    public void DynamicBinarisation_KeepsBlackAndWhite_IsDeterministicForASeed_AndFreshPerBatch()
    {
        using var data = MnistDataset.FromTensors(
            cat([zeros(1, 784), ones(1, 784), full(2, 784, 0.5f)]), zeros(4, ScalarType.Int64));
        Tensor Draw(ulong seed)
        {
            using var generator = new Generator(seed);
            using var batch = data.GetBatch(tensor(new long[] { 0, 1, 2, 3 }), binarise: generator);
            return batch.Images.clone();
        }

        var a = Draw(5);
        Assert.True(a[0].eq(0).all().item<bool>());
        Assert.True(a[1].eq(1).all().item<bool>());
        Assert.True(Identical(a, Draw(5)));
        Assert.False(Identical(a[2], a[3]));
    }

    [Fact]
    public void Take_KeepsTheFirstExamples_SharingMemory()
    {
        using var data = Synthetic(20);
        using var first = data.Take(7);
        Assert.Equal(7, first.Count);
        Assert.True(Identical(first.Images, data.Images[..7]));
        Assert.Equal(2, first.BatchCount(4));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), first.Batches(4).SelectMany(Indices));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Take(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Take(21));
    }

    [Fact]
    public void Take_SurvivesDisposingTheFullDataset()
    {
        var data = Synthetic(20);
        using var first = data.Take(5);
        data.Dispose();
        Assert.Equal(4f / 20, first.Images[4, 0].item<float>());
    }

    [Fact]
    public void GetBatch_ReturnsTheRequestedRows()
    {
        using var data = Synthetic(20);
        using var batch = data.GetBatch(tensor(new long[] { 19, 0, 5 }));
        Assert.Equal(new long[] { 9, 0, 5 }, batch.Labels.data<long>().ToArray());
        Assert.Equal(19f / 20, batch.Images[0, 100].item<float>());
        Assert.Throws<ArgumentException>(() => data.GetBatch(tensor(new int[] { 1 })));
    }
}
