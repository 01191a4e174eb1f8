using NotebookExperiments.Notebooks.Jupyter;
using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// A test that needs the real kernel and Jupyter (<see cref="JupyterKernel.Unavailable"/>) and headless Chromium
/// (<see cref="ChartImages.Unavailable"/>): skipped with the reason where one is missing, except under CI (<c>CI=true</c>),
/// where <c>tests/run-tests.sh</c> installs them and a missing piece must fail.
/// </summary>
internal sealed class JupyterAndChromiumFactAttribute : FactAttribute
{
    public JupyterAndChromiumFactAttribute()
    {
        if ((JupyterKernel.Unavailable ?? ChartImages.Unavailable) is { } reason && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = reason;
    }
}
