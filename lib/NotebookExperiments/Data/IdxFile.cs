using System.Security.Cryptography;

namespace NotebookExperiments.Data;

/// <summary>
/// An IDX file of unsigned bytes read into memory and checked by <see cref="IdxReader"/>: its dimensions and its whole
/// uncompressed content (header and data).
/// </summary>
/// <remarks>
/// The IDX layout: a 4-byte magic number <c>0x00 0x00 0x08 d</c> (unsigned bytes, <c>d</c> dimensions), then <c>d</c>
/// big-endian int32 sizes, then the product of the sizes in bytes, row-major (last dimension fastest).
/// </remarks>
internal sealed class IdxFile(string path, IReadOnlyList<int> dimensions, byte[] content)
{
    /// <summary>The path the file was read from.</summary>
    public string Path { get; } = path;

    /// <summary>The sizes from the header, outermost first (for MNIST images: count, 28, 28).</summary>
    public IReadOnlyList<int> Dimensions { get; } = dimensions;

    /// <summary>The number of items, the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>The header length in bytes: 4 + 4 × the number of dimensions.</summary>
    public int HeaderLength => 4 + 4 * Dimensions.Count;

    /// <summary>The whole uncompressed content, header included (what the SHA-256 sums of <see cref="MnistManifest"/> cover).</summary>
    public ReadOnlyMemory<byte> Content => content;

    /// <summary>The data after the header: the product of <see cref="Dimensions"/> bytes, row-major.</summary>
    public ReadOnlyMemory<byte> Data => content.AsMemory(HeaderLength);

    /// <summary>The data as a writable span over the same memory, for copying into a tensor without another copy.</summary>
    internal Span<byte> DataSpan => content.AsSpan(HeaderLength);

    /// <summary>The SHA-256 of <see cref="Content"/>, as 64 lower-case hexadecimal digits.</summary>
    public string ComputeSha256() => Convert.ToHexStringLower(SHA256.HashData(content));
}
