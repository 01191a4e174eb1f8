using System.Security.Cryptography;

namespace NotebookExperiments.Data;

/// <summary>
/// Finds the MNIST folder and the files in it, and checks their SHA-256 sums. It never downloads: <see cref="MnistFetcher"/>
/// does, when files are missing.
/// </summary>
internal static class MnistLocator
{
    /// <summary>The default MNIST folder relative to the repository root: <c>data/mnist</c>.</summary>
    public static readonly string RelativeDirectory = Path.Combine("data", "mnist");

    /// <summary>The default MNIST folder: <c>data/mnist</c> under the repository root found by <see cref="RepositoryRoot.Find"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither the current directory nor this assembly is inside the repository; the message says how to name a folder instead.</exception>
    public static string DefaultDirectory()
    {
        var root = RepositoryRoot.Find()
            ?? throw new DirectoryNotFoundException(
                $"Cannot find the repository root (a folder containing {RepositoryRoot.MarkerFileName}) above the current directory " +
                $"{Environment.CurrentDirectory} or above {AppContext.BaseDirectory}, so the default MNIST folder {RelativeDirectory} is unknown. " +
                "Run from inside the repository, or name the MNIST folder (fetch-data --dir DIR, or the directory argument of the loaders).");
        return Path.Combine(root, RelativeDirectory);
    }

    /// <summary>The full path of the folder to use: <paramref name="directory"/> when given (relative to the current directory), else <see cref="DefaultDirectory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No folder given and no repository root found.</exception>
    public static string ResolveDirectory(string? directory) =>
        string.IsNullOrWhiteSpace(directory) ? DefaultDirectory() : Path.GetFullPath(directory);

    /// <summary>
    /// The path of an MNIST file in a folder, in the first accepted form present (uncompressed, then <c>.gz</c>; see
    /// <see cref="MnistManifest.AcceptedNames"/>), or null when neither is there.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not an MNIST file name.</exception>
    public static string? FindFile(string directory, string fileName) =>
        MnistManifest.AcceptedNames(fileName).Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    /// <summary>The names of the MNIST files (from <see cref="MnistManifest.FileNames"/>) present in no accepted form in a folder.</summary>
    public static IReadOnlyList<string> MissingFiles(string directory) =>
        MnistManifest.FileNames.Where(name => FindFile(directory, name) is null).ToList();

    /// <summary>The four files of a folder, without checking their content; null when any is missing.</summary>
    public static MnistFileSet? TryLocate(string directory)
    {
        var full = Path.GetFullPath(directory);
        var paths = MnistManifest.FileNames.Select(name => FindFile(full, name)).ToArray();
        return paths.Any(p => p is null) ? null : new MnistFileSet(full, paths[0]!, paths[1]!, paths[2]!, paths[3]!);
    }

    /// <summary>The SHA-256 of the uncompressed content of a file (decompressing gzip, recognised by its magic bytes), in lower-case hexadecimal.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Corrupt gzip data.</exception>
    public static string ComputeSha256(string path)
    {
        using var stream = IdxReader.OpenUncompressed(path);
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    /// <summary>Checks the SHA-256 of the uncompressed content of one file against <see cref="MnistManifest.Sha256"/>.</summary>
    /// <param name="path">The file, raw or gzipped.</param>
    /// <param name="fileName">Its name in <see cref="MnistManifest.FileNames"/>.</param>
    /// <exception cref="InvalidDataException">The sum differs (the message names the file and says to delete it and fetch again), or corrupt gzip data.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static void VerifyFile(string path, string fileName) =>
        MnistManifest.VerifySha256(fileName, ComputeSha256(path), path,
            $"Delete it and run `fetch-data` (or load MNIST again) to fetch a fresh copy into {Path.GetDirectoryName(Path.GetFullPath(path))}.");

    /// <summary>Checks the SHA-256 of every file of a set (<see cref="VerifyFile"/>), reporting each file checked.</summary>
    /// <returns>The same set, marked <see cref="MnistFileSet.Verified"/>.</returns>
    /// <exception cref="InvalidDataException">A sum differs, or corrupt gzip data.</exception>
    public static MnistFileSet Verify(MnistFileSet files, IProgress<string>? progress = null)
    {
        foreach (var name in MnistManifest.FileNames)
        {
            var path = files.PathOf(name);
            VerifyFile(path, name);
            progress?.Report($"verified {Path.GetFileName(path)}: SHA-256 matches");
        }
        return files with { Verified = true };
    }
}
