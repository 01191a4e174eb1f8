namespace NotebookExperiments.Training;

/// <summary>The optimisers of the reference experiments (PyTorch defaults apart from the learning rate).</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba 2015), β = (0.9, 0.999), ε = 1e-8.</summary>
    Adam,
    /// <summary>RAdam (Liu et al. 2020), β = (0.9, 0.999), ε = 1e-8, as <c>torch.optim.RAdam</c>.</summary>
    RAdam,
}
