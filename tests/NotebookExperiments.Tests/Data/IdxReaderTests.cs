using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsRawImages()
    {
        var content = IdxBytes.Images(3);
        var file = IdxReader.Read(IdxBytes.Write(_dir.Combine("images"), content), 3);
        Assert.Equal([3, 28, 28], file.Dimensions);
        Assert.Equal(3, file.Count);
        Assert.Equal(16, file.HeaderLength);
        Assert.Equal(content, file.Content.ToArray());
        Assert.Equal(content[16..], file.Data.ToArray());
    }

    [Fact]
    public void ReadsGzipUnderGzName_AndUnderAnyName_ByMagicBytes()
    {
        var content = IdxBytes.Labels(25);
        var gz = IdxReader.Read(IdxBytes.WriteGzip(_dir.Combine("labels.gz"), content), 1);
        var disguised = IdxReader.Read(IdxBytes.WriteGzip(_dir.Combine("labels-without-suffix"), content), 1);
        Assert.Equal(content, gz.Content.ToArray());
        Assert.Equal(content, disguised.Content.ToArray());
        Assert.True(IdxReader.IsGzip(_dir.Combine("labels-without-suffix")));
        Assert.False(IdxReader.IsGzip(IdxBytes.Write(_dir.Combine("raw"), content)));
    }

    [Fact]
    public void RejectsWrongMagic_NamingFileAndBothNumbers()
    {
        var path = IdxBytes.Write(_dir.Combine("labels-as-images"), IdxBytes.Labels(10));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void RejectsNonUnsignedByteType()
    {
        var path = IdxBytes.Write(_dir.Combine("floats"), IdxBytes.Build([2], [0, 0, 0, 0, 0, 0, 0, 0], magic: 0x00000D01));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1));
        Assert.Contains("type 0x0D", e.Message);
    }

    [Fact]
    public void RejectsAFileThatIsNotIdx()
    {
        var path = IdxBytes.Write(_dir.Combine("text"), "hello, world"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1));
        Assert.Contains("not an IDX file", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RejectsFilesShorterThanTheMagicNumber(int length)
    {
        var path = IdxBytes.Write(_dir.Combine("short"), IdxBytes.Labels(5)[..length]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1));
        Assert.StartsWith(path + ": truncated", e.Message);
    }

    [Fact]
    public void RejectsTruncatedHeader()
    {
        var path = IdxBytes.Write(_dir.Combine("header"), IdxBytes.Images(1)[..10]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3));
        Assert.Contains("truncated header", e.Message);
    }

    [Fact]
    public void RejectsTruncatedData_SayingDeclaredAndActualLength()
    {
        var content = IdxBytes.Images(2);
        var path = IdxBytes.Write(_dir.Combine("images"), content[..^100]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3));
        Assert.StartsWith(path + ": truncated", e.Message);
        Assert.Contains("2 × 28 × 28", e.Message);
        Assert.Contains($"{content.Length - 100:N0} bytes", e.Message);
    }

    [Fact]
    public void RejectsTrailingBytes()
    {
        var path = IdxBytes.Write(_dir.Combine("labels"), [.. IdxBytes.Labels(4), 1, 2]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1));
        Assert.StartsWith(path + ": trailing bytes", e.Message);
    }

    [Fact]
    public void RejectsNegativeSizes()
    {
        var path = IdxBytes.Write(_dir.Combine("negative"), IdxBytes.Build([-1], []));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1));
        Assert.Contains("negative size", e.Message);
    }

    [Fact]
    public void RejectsTruncatedGzip()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Images(20));
        var path = IdxBytes.Write(_dir.Combine("images.gz"), gz[..(gz.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("decompressed content", e.Message);
    }

    [Fact]
    public void RejectsCorruptGzip()
    {
        var gz = IdxBytes.Gzip(IdxBytes.Images(20));
        for (int i = 20; i < gz.Length - 8; i += 7) gz[i] ^= 0x5A;
        var path = IdxBytes.Write(_dir.Combine("images.gz"), gz);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(_dir.Combine("absent"), 1));
    }
}
