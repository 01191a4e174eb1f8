namespace NotebookExperiments;

/// <summary>Finds the root folder of this repository: the nearest folder, walking up, that contains <c>NotebookExperiments.sln</c>.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string MarkerFileName = "NotebookExperiments.sln";

    /// <summary>
    /// The repository root found by walking up from the current directory (a notebook's folder, or wherever the command
    /// line was started), then from the folder of this assembly (a build output inside the repository); null when neither
    /// is inside the repository.
    /// </summary>
    public static string? Find()
    {
        string?[] starts = [Environment.CurrentDirectory, Path.GetDirectoryName(typeof(RepositoryRoot).Assembly.Location), AppContext.BaseDirectory];
        return starts.OfType<string>().Where(s => s.Length > 0).Select(FindFrom).FirstOrDefault(root => root is not null);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that contains <see cref="MarkerFileName"/>, as a full path; null when none does.</summary>
    public static string? FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, MarkerFileName))) return dir.FullName;
        return null;
    }
}
