using System.Globalization;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Which cell a message is about, numbered as the person running the notebook sees the file: 1-based among all cells
/// (markdown included) of the notebook given to the runner. The cell the runner injects for parameters has no number
/// of its own and is named after the parameters cell it follows.
/// </summary>
/// <param name="Number">The 1-based cell number in the given notebook; for the injected cell, the number of the parameters cell before it.</param>
/// <param name="IsInjectedParameters">Whether this is the cell the runner inserted for parameter overrides.</param>
internal sealed record CellReference(int Number, bool IsInjectedParameters)
{
    /// <summary><c>cell 4</c>, or <c>the injected-parameters cell (after cell 3)</c>.</summary>
    public override string ToString() => IsInjectedParameters
        ? string.Create(CultureInfo.InvariantCulture, $"the injected-parameters cell (after cell {Number})")
        : string.Create(CultureInfo.InvariantCulture, $"cell {Number}");
}
