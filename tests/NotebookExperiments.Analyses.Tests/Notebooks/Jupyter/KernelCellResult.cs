namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>What one submitted cell did in a <see cref="KernelSession"/>.</summary>
/// <param name="Succeeded">Whether the kernel reported the command succeeded (<c>CommandSucceeded</c>) rather than failed.</param>
/// <param name="Message">The kernel's message when it failed (a compile error, an exception, <c>Command cancelled.</c>).</param>
/// <param name="Output">The text the cell wrote to its standard output.</param>
public sealed record KernelCellResult(bool Succeeded, string? Message, string Output);
