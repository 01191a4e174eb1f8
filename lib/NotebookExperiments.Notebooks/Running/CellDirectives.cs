using NotebookExperiments.Notebooks.Packages;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The kernel directives of a code cell, handled before Roslyn sees it: <c>#r "nuget: …"</c> lines are removed (the
/// pins are checked separately and the host provides the packages), <c>#i</c> lines are removed, a leading
/// <c>#!csharp</c> kernel selector is removed, and any other <c>#!</c> magic command is a problem. Removed lines are
/// left blank so that line numbers in diagnostics still match the cell. <c>#r "file.dll"</c> and <c>#load</c> stay for
/// Roslyn to resolve.
/// </summary>
internal static class CellDirectives
{
    private static readonly string[] CSharpKernelSelectors = ["#!csharp", "#!c#", "#!C#"];

    /// <summary>The cell's code with directives blanked, and the problems found (1-based line, message).</summary>
    public static (string Code, IReadOnlyList<(int Line, string Message)> Problems) Prepare(string source)
    {
        var lines = source.Split('\n');
        var problems = new List<(int, string)>();
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (NuGetReference.LooksLikeNuGetDirective(trimmed) || trimmed == "#i" || trimmed.StartsWith("#i ", StringComparison.Ordinal) || trimmed.StartsWith("#i\"", StringComparison.Ordinal))
            {
                lines[i] = "";
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = trimmed.Split(' ', 2)[0];
                if (CSharpKernelSelectors.Contains(magic)) lines[i] = "";
                else problems.Add((i + 1, $"the magic command {magic} is not supported by the notebook runner (only plain C# and #r/#load/#i directives are)."));
            }
        }
        return (string.Join("\n", lines), problems);
    }
}
