namespace NotebookExperiments.Tests.Notebooks;

/// <summary>The sample notebooks under <c>Notebooks/TestData/</c> (copied next to the test assembly).</summary>
internal static class TestNotebooks
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Notebooks", "TestData");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static IEnumerable<string> All => System.IO.Directory.GetFiles(Directory, "*.ipynb").Order(StringComparer.Ordinal);

    /// <summary>A fresh empty folder under the system's temporary folder.</summary>
    public static string NewTemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "notebook-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
