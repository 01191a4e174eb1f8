using NotebookExperiments.Notebooks.Jupyter;

namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// A test that needs the real kernel and Jupyter (<see cref="JupyterKernel.Unavailable"/>): skipped with the reason where they
/// are missing, except under CI (<c>CI=true</c>), where <c>tests/run-tests.sh</c> installs them and a missing piece must fail.
/// </summary>
internal sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (JupyterKernel.Unavailable is { } reason && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = reason;
    }
}
