using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>The forward samples of every estimator follow Cat(softmax θ), whatever τ (docs/estimators.md, B.13): a chi-square test.</summary>
public class ForwardDistributionTests
{
    private static readonly string[] Specs =
    [
        "st:tau=0.1", "st:tau=3", "st-gs:tau=0.1", "st-gs:tau=3", "gr-mc:k=3,tau=0.2", "gr-mc:k=3,tau=2",
        "zgr", "reinmax:tau=1.5", "reinmax:tau=0.5", "reinmax-rk2:beta=0.2,tau=0.7", "reinmax-rk2-trap:beta=0.3",
        "reinmax-rao:k=3,tau=0.5", "reinmax-cv:k=3,tau2=0.1", "gst:tau=0.5", "reinforce-loo:m=3",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var s in Specs) data.Add(s);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void SampleFrequenciesMatchTheSoftmaxOfTheLogits(string spec)
    {
        const int n = 6_000, latents = 2, categories = 4;
        var theta = tensor(new[,] { { 0.9, -0.4, 0.1, -1.5 }, { -0.2, 0.3, 1.2, -0.8 } }).unsqueeze(0);
        var counts = zeros(latents, categories, dtype: ScalarType.Float64);
        LatentObjective recording = z =>
        {
            counts.add_(z.detach().reshape(-1, latents, categories).sum([0]));
            return (z * 0).sum([-2, -1]);
        };
        var estimator = EstimatorCatalog.Default.Create(spec);
        using var generator = new Generator(17);
        var replicas = theta.expand(n, 1, latents, categories).clone().requires_grad_(true);
        estimator.Surrogate(replicas, recording, generator).sum().backward();

        var total = counts.sum([-1], keepdim: true);
        var expected = functional.softmax(theta[0], -1) * total;
        double chi2 = ((counts - expected).square() / expected).sum().item<double>();
        double critical = Statistics.ChiSquareUpperQuantile(Statistics.FamilyAlpha / Specs.Length, latents * (categories - 1));
        Assert.True(chi2 <= critical, $"{spec}: χ² = {chi2:G4} over {latents * (categories - 1)} dof exceeds {critical:G4}.");
    }
}
