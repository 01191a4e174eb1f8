using static TorchSharp.torch;

namespace NotebookExperiments.Gradients;

/// <summary>
/// Summary of N independent estimates of a logit gradient <c>[...batch, L, C]</c>: element-wise mean and sample standard
/// deviation (Bessel-corrected, N − 1), and, when a reference was given, the mean squared error to it. float64.
/// </summary>
public sealed class GradientEstimates
{
    internal GradientEstimates(Tensor mean, Tensor std, long count, double? meanSquaredError)
    {
        Mean = mean;
        Std = std;
        Count = count;
        MeanSquaredError = meanSquaredError;
    }

    /// <summary>The element-wise mean of the estimates.</summary>
    public Tensor Mean { get; }

    /// <summary>The element-wise sample standard deviation (divisor N − 1; zero when N = 1).</summary>
    public Tensor Std { get; }

    /// <summary>The element-wise standard error of the mean, <c>Std / √N</c>.</summary>
    public Tensor StandardError => Std / Math.Sqrt(Count);

    /// <summary>N, the number of estimates.</summary>
    public long Count { get; }

    /// <summary><c>(1/N) Σ_n ‖ĝ_n − g*‖²</c> (squared Frobenius norm over all elements), or null without a reference.</summary>
    public double? MeanSquaredError { get; }
}
