namespace NotebookExperiments.Notebooks.Packages;

/// <summary>A <c>#r "nuget: …"</c> line that does not match the repository's pinned versions.</summary>
/// <param name="CellNumber">The cell, 1-based among all cells of the notebook (markdown included).</param>
/// <param name="LineNumber">The line within the cell, 1-based.</param>
/// <param name="Line">The line as written.</param>
/// <param name="Message">What is wrong and what the pin is.</param>
internal sealed record PinProblem(int CellNumber, int LineNumber, string Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"cell {CellNumber}, line {LineNumber}: {Line.Trim()}: {Message}";
}
