using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookExperiments.Data;

/// <summary>
/// Reads IDX files of unsigned bytes, raw or gzipped, and checks their structure: the magic number, the number of
/// dimensions, and that the content length equals the header plus the product of the dimensions.
/// </summary>
/// <remarks>
/// Gzip is recognised by its magic bytes (<c>1F 8B</c>), whatever the file is called; IDX content starts with
/// <c>00 00</c>, so the two cannot be confused. Every problem is reported as an <see cref="InvalidDataException"/> whose
/// message starts with the path and says what is wrong.
/// </remarks>
internal static class IdxReader
{
    /// <summary>The IDX type code of unsigned bytes, the third byte of the magic number.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>The largest uncompressed content accepted, 1 GiB (MNIST's largest file is 47 MB).</summary>
    public const int MaxContentLength = 1 << 30;

    /// <summary>The magic number of an IDX file of unsigned bytes with <paramref name="dimensionCount"/> dimensions: <c>0x0000080d</c>.</summary>
    public static int MagicNumber(int dimensionCount) => (UnsignedByteType << 8) | dimensionCount;

    /// <summary>Reads and checks an IDX file of unsigned bytes with the given number of dimensions.</summary>
    /// <param name="path">A raw or gzipped IDX file.</param>
    /// <param name="dimensionCount">The expected number of dimensions, 1–255 (3 for images, 1 for labels).</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// Corrupt gzip data, a wrong magic number (type or number of dimensions), a truncated header, negative sizes, or a
    /// content length other than header + product of the sizes (truncated, or trailing bytes).
    /// </exception>
    public static IdxFile Read(string path, int dimensionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensionCount, 255);
        bool gzipped = IsGzip(path);
        var content = ReadUncompressed(path, gzipped);
        return Parse(path, content, dimensionCount, gzipped);
    }

    /// <summary>Whether a file starts with the gzip magic bytes <c>1F 8B</c>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return file.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    /// <summary>Opens a file for reading its uncompressed content: decompressing when it starts with the gzip magic bytes.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static Stream OpenUncompressed(string path)
    {
        bool gzipped = IsGzip(path);
        var file = File.OpenRead(path);
        return gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static byte[] ReadUncompressed(string path, bool gzipped)
    {
        if (!gzipped)
        {
            long length = new FileInfo(path).Length;
            if (length > MaxContentLength)
                throw new InvalidDataException($"{path}: {length:N0} bytes, more than the {MaxContentLength:N0} accepted for an IDX file.");
            return File.ReadAllBytes(path);
        }

        using var stream = OpenUncompressed(path);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 20];
        bool tooLarge = false;
        try
        {
            int read;
            while (!tooLarge && (read = stream.Read(chunk)) > 0)
            {
                tooLarge = buffer.Length + read > MaxContentLength;
                buffer.Write(chunk, 0, tooLarge ? 0 : read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data after {buffer.Length:N0} decompressed bytes ({e.Message}).", e);
        }
        if (tooLarge)
            throw new InvalidDataException($"{path}: decompresses to more than the {MaxContentLength:N0} bytes accepted for an IDX file.");
        return buffer.ToArray();
    }

    private static IdxFile Parse(string path, byte[] content, int dimensionCount, bool gzipped)
    {
        string what = gzipped ? "decompressed content" : "file";
        int expectedMagic = MagicNumber(dimensionCount);
        if (content.Length < 4)
            throw new InvalidDataException($"{path}: truncated: the {what} has {content.Length} bytes, fewer than the 4 of an IDX magic number.");

        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            string found = content[0] == 0 && content[1] == 0
                ? $"type 0x{content[2]:X2}, {content[3]} dimension(s)"
                : "not an IDX file";
            throw new InvalidDataException(
                $"{path}: magic number 0x{magic:X8} ({found}), expected 0x{expectedMagic:X8} (unsigned bytes, {dimensionCount} dimension(s)).");
        }

        int headerLength = 4 + 4 * dimensionCount;
        if (content.Length < headerLength)
            throw new InvalidDataException(
                $"{path}: truncated header: the {what} has {content.Length} bytes, the header of {dimensionCount} dimension(s) needs {headerLength}.");

        var dimensions = new int[dimensionCount];
        long dataLength = 1;
        for (int i = 0; i < dimensionCount; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + 4 * i));
            if (dimensions[i] < 0)
                throw new InvalidDataException($"{path}: dimension {i} has the negative size {dimensions[i]}.");
            dataLength = Math.Min(dataLength * dimensions[i], (long)MaxContentLength + 1);
        }

        long expectedLength = headerLength + dataLength;
        if (content.Length != expectedLength)
        {
            string shape = string.Join(" × ", dimensions);
            string problem = content.Length < expectedLength ? "truncated" : "trailing bytes";
            throw new InvalidDataException(
                $"{path}: {problem}: the header declares {shape} unsigned bytes ({expectedLength:N0} bytes with the header), " +
                $"the {what} has {content.Length:N0} bytes.");
        }
        return new IdxFile(path, dimensions, content);
    }
}
