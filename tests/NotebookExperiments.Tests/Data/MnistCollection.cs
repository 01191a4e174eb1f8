namespace NotebookExperiments.Tests.Data;

/// <summary>The tests that use the real MNIST files; they share one <see cref="MnistFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class MnistCollection : ICollectionFixture<MnistFixture>
{
    public const string Name = "MNIST files";
}
