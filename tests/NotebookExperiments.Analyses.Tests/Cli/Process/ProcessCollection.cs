using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// Tests that run the command line as separate processes on the real MNIST files. Each process uses every core, so they run
/// one at a time and after the parallel tests: two of them at once would only fight over the cores (LibTorch's threads wait
/// for each other), and the main job of the README takes minutes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection : ICollectionFixture<MnistFixture>
{
    public const string Name = "Command-line processes";
}
