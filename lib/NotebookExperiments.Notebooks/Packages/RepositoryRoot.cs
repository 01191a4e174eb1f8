namespace NotebookExperiments.Notebooks.Packages;

/// <summary>Finds the repository's root folder: the nearest folder, walking up, that holds <c>NotebookExperiments.sln</c>.</summary>
public static class RepositoryRoot
{
    /// <summary>The solution file that marks the root.</summary>
    public const string SolutionFileName = "NotebookExperiments.sln";

    /// <summary>The root above (or at) <paramref name="startDirectory"/>, or null when no folder up to the file system root has the solution.</summary>
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName))) return dir.FullName;
        }
        return null;
    }

    /// <summary>
    /// The root above the first of <paramref name="startDirectories"/> that has one (for example the notebook's
    /// folder, then the running program's folder).
    /// </summary>
    /// <exception cref="FileNotFoundException">None of them lies inside the repository.</exception>
    public static string FindFirst(params string[] startDirectories) =>
        startDirectories.Select(Find).FirstOrDefault(r => r is not null)
        ?? throw new FileNotFoundException(
            $"No {SolutionFileName} found above {string.Join(" or ", startDirectories)}: cannot locate the repository's Directory.Packages.props.");
}
