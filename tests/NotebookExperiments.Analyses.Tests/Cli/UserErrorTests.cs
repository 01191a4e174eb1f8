namespace NotebookExperiments.Tests.Cli;

/// <summary>A wrong option is reported by its name with what is accepted, never with .NET's exception decorations.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UserErrorTests
{
    [Theory]
    [InlineData("error: --lr: The learning rate must be finite and > 0, not -1.", "train", "-e", "st", "--lr", "-1", "--train-size", "200", "--threads", "1")]
    [InlineData("error: --epochs: Epochs must be at least 1, not 0.", "train", "-e", "st", "--epochs", "0", "--threads", "1")]
    [InlineData("error: --checkpoints: Checkpoint epochs must lie in 1..2, not 5.", "train", "-e", "st", "--epochs", "2", "--checkpoints", "5", "--threads", "1")]
    [InlineData("error: --categories (-C): C must be at least 2, not 1.", "estimator-stats", "-e", "st", "-C", "1", "--threads", "1")]
    [InlineData("error: --betas: beta must be a finite number, not NaN.", "beta-sweep", "--betas", "0.1,nan", "--threads", "1")]
    // An earlier name of an option is accepted; the error names the option by its name.
    [InlineData("error: --temperatures: Temperatures must be finite and > 0, not -1.", "temperature-study", "--taus", "-1", "--threads", "1")]
    [InlineData("error: --train-size: The training-set size must be at least 1, not -5.", "temperature-study", "--training-size", "-5", "--threads", "1")]
    [InlineData("error: --checkpoint-epoch: Epochs must be at least 1, not -1.", "temperature-study", "--checkpoint-epoch", "-1", "--threads", "1")]
    [InlineData("error: --epochs: Epochs must be at least 1, not -1.", "temperature-study", "--epochs", "-1", "--threads", "1")]
    [InlineData("error: --samples: At least 2 estimates are needed for a spread, not 1.", "bias-variance", "--samples", "1", "--threads", "1")]
    public async Task NamesTheOptionAndWhatItAccepts(string expected, params string[] args)
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync(args);
        Assert.Equal(2, exit);
        var error = output.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.Equal(expected, error);
        Assert.DoesNotContain("(Parameter '", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", output, StringComparison.Ordinal);
    }
}
