namespace NotebookExperiments.Data;

/// <summary>The two MNIST sets: 60,000 training examples and 10,000 test examples.</summary>
public enum MnistSplit
{
    /// <summary>The training set: <c>train-images-idx3-ubyte</c> and <c>train-labels-idx1-ubyte</c>, 60,000 examples.</summary>
    Train,

    /// <summary>The test set: <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>, 10,000 examples.</summary>
    Test,
}
