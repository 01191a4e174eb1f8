using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Tests.Support;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// Where an estimator is claimed unbiased (docs/estimators.md, B.2–B.6, B.10, B.12), the mean of N estimates lies within a
/// Bonferroni-corrected number of standard errors of the exact gradient; where it is biased, the bias is detected by the
/// same test. Fixed seeds make every test deterministic.
/// </summary>
public class UnbiasednessTests
{
    private const int Samples = 20_000;

    public static TheoryData<SyntheticObjectiveKind, string> UnbiasedCases => new()
    {
        { SyntheticObjectiveKind.Linear, "st:tau=1" },
        { SyntheticObjectiveKind.Linear, "reinmax-rk2-trap:beta=0" },
        { SyntheticObjectiveKind.Linear, "reinmax-rk2-trap:beta=0.3" },
        { SyntheticObjectiveKind.Linear, "reinmax-rk2-trap:beta=1" },
        { SyntheticObjectiveKind.Quadratic, "zgr" },
        { SyntheticObjectiveKind.Quadratic, "reinmax:tau=1" },
        { SyntheticObjectiveKind.Quadratic, "reinmax-rk2:beta=0.5,tau=1" },
        { SyntheticObjectiveKind.Quadratic, "reinmax-cv:eta=0.7,tau2=0.1,k=8" },
        { SyntheticObjectiveKind.Quadratic, "reinmax-cv:eta=1.5,tau2=0.5,k=3" },
        { SyntheticObjectiveKind.Mlp, "reinforce-loo:m=2" },
        { SyntheticObjectiveKind.Mlp, "reinforce-loo:m=5" },
        { SyntheticObjectiveKind.Mlp, "exact" },
    };

    [Theory, MemberData(nameof(UnbiasedCases))]
    public void MeanEstimateMatchesTheExactGradient(SyntheticObjectiveKind kind, string spec)
    {
        var problem = Problem.Create(kind);
        GradientAssert.WithinStandardErrors(problem.Sample(EstimatorCatalog.Default.Create(spec), Samples), problem.Exact, $"{spec} on {kind}");
    }

    public static TheoryData<SyntheticObjectiveKind, string> BiasedCases => new()
    {
        { SyntheticObjectiveKind.Quadratic, "st:tau=1" },        // docs/estimators.md, B.3: biased beyond linear f
        { SyntheticObjectiveKind.Linear, "st:tau=0.5" },         // docs/estimators.md, B.3: biased at τ ≠ 1 even for linear f
        { SyntheticObjectiveKind.Quadratic, "reinmax-rk2-trap:beta=1" }, // docs/estimators.md, B.10: only β = ½ is unbiased for quadratic f
        { SyntheticObjectiveKind.Quadratic, "st-gs:tau=0.5" },
        { SyntheticObjectiveKind.Mlp, "zgr" },                   // unbiased only up to quadratic f
        { SyntheticObjectiveKind.Quadratic, "reinmax-cv:cv=forward,k=8" }, // docs/estimators.md, B.16: the authors' control
        { SyntheticObjectiveKind.Quadratic, "reinmax-cv:cv=code,k=8" },    // variates are not mean-zero
    };

    [Theory, MemberData(nameof(BiasedCases))]
    public void BiasIsDetected(SyntheticObjectiveKind kind, string spec)
    {
        var problem = Problem.Create(kind);
        GradientAssert.BiasDetected(problem.Sample(EstimatorCatalog.Default.Create(spec), Samples), problem.Exact, $"{spec} on {kind}");
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void Rk2CodeVariantHasExpectationTwoBetaTimesExactForLinearObjectives(double beta)
    {
        // docs/estimators.md, B.10: at τ = 1 and linear f, E[RK2-code(β)] = 2β · exact; β = 1 is not ST.
        var problem = Problem.Create(SyntheticObjectiveKind.Linear);
        var estimates = problem.Sample(new ReinMaxRk2(beta, 1.0), Samples);
        GradientAssert.WithinStandardErrors(estimates, 2 * beta * problem.Exact, $"RK2-code(β={beta})");
        GradientAssert.BiasDetected(estimates, problem.Exact, $"RK2-code(β={beta}) against the exact gradient");
    }
}
