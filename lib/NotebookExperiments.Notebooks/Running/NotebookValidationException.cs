namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The notebook cannot be run as written (found before any cell runs): <c>#r "nuget: …"</c> lines that do not match
/// the pinned versions, unsupported magic commands, cells in another kernel. Each problem names its cell and line.
/// </summary>
internal sealed class NotebookValidationException(IReadOnlyList<string> problems)
    : NotebookException("The notebook cannot run as written:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    /// <summary>The problems, one per line, each starting with the cell (and line) it concerns.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
