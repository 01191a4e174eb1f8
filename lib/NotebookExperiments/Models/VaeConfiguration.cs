using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookExperiments.Models;

/// <summary>
/// The shape of a categorical VAE on MNIST, named "C×L" as in the papers: L categorical variables with C classes each
/// (8x4 = 4 variables of 8 classes, 8^4 = 4096 joint states).
/// </summary>
/// <param name="Categories">C, classes per variable (≥ 2).</param>
/// <param name="Latents">L, the number of variables (≥ 1).</param>
/// <param name="Pixels">Input and output size, 784 for MNIST.</param>
/// <param name="Hidden1">First hidden width (512 in the reference).</param>
/// <param name="Hidden2">Second hidden width (256 in the reference).</param>
public sealed partial record VaeConfiguration(int Categories, int Latents, int Pixels = 784, int Hidden1 = 512, int Hidden2 = 256)
{
    /// <summary>The configurations of ReinMax (Liu et al. 2023) and Beyond ReinMax (Wang &amp; Bui 2026).</summary>
    public static IReadOnlyList<VaeConfiguration> PaperConfigurations { get; } =
        [new(8, 4), new(4, 24), new(8, 16), new(16, 12), new(64, 8), new(10, 30)];

    /// <summary>L·C, the width of the flattened latent.</summary>
    public int LatentWidth => Categories * Latents;

    /// <summary>C^L, the number of joint latent states (may overflow to +∞ for large configurations).</summary>
    public double States => Math.Pow(Categories, Latents);

    /// <summary>The name <c>CxL</c>, e.g. <c>8x4</c>.</summary>
    public string Name => $"{Categories}x{Latents}";

    /// <summary>Parses <c>CxL</c> (also <c>C×L</c>), e.g. <c>8x4</c>, <c>4x24</c>.</summary>
    /// <exception cref="ArgumentException">Not of that form, or C &lt; 2, or L &lt; 1.</exception>
    public static VaeConfiguration Parse(string text)
    {
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success)
            throw new ArgumentException($"'{text}' is not a VAE configuration. Expected CxL (classes x variables), e.g. " +
                                        string.Join(", ", PaperConfigurations.Select(c => c.Name)) + ".");
        int c = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), l = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (c < 2 || l < 1) throw new ArgumentException($"'{text}': C must be ≥ 2 and L ≥ 1.");
        return new VaeConfiguration(c, l);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    [GeneratedRegex(@"^(\d+)\s*[x×X]\s*(\d+)$")]
    private static partial Regex Pattern();
}
