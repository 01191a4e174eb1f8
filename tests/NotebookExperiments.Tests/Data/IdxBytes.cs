using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookExperiments.Tests.Data;

/// <summary>Builds IDX content (magic number, big-endian sizes, data) and writes it raw or gzipped, for crafted test files.</summary>
internal static class IdxBytes
{
    /// <summary>An IDX file of unsigned bytes: magic <c>0x0000080d</c>, the sizes, then <paramref name="data"/> as given (not checked, so that bad files can be made).</summary>
    public static byte[] Build(int[] dimensions, byte[] data, int? magic = null)
    {
        var content = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(content, magic ?? (0x0800 | dimensions.Length));
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(content, 4 + 4 * dimensions.Length);
        return content;
    }

    /// <summary>N images of 28 × 28 whose pixel p of image i is <c>(i * 7 + p) mod 256</c>.</summary>
    public static byte[] Images(int count, int side = 28) =>
        Build([count, side, side], Enumerable.Range(0, count * side * side).Select(k => (byte)((k / (side * side) * 7 + k % (side * side)) % 256)).ToArray());

    /// <summary>N labels <c>i mod 10</c>.</summary>
    public static byte[] Labels(int count) => Build([count], Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());

    public static string Write(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
        return path;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(content);
        return buffer.ToArray();
    }
}
