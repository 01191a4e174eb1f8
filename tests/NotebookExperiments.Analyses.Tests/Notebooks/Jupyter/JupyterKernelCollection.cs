namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// Tests that run notebooks in the real kernel (<see cref="JupyterKernelFixture"/>, one first-run home for all of them). The
/// kernel and Jupyter are processes of their own, started in the notebooks' folder, so these tests neither change this
/// process's working directory nor redirect its console: they run one at a time but beside the other collections, where their
/// waits (the first restore of the packages, kernel start-up) overlap the others' work.
/// </summary>
[CollectionDefinition(Name)]
public sealed class JupyterKernelCollection : ICollectionFixture<JupyterKernelFixture>
{
    public const string Name = "Real kernel";
}
