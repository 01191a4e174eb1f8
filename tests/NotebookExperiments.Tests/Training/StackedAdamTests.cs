using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Training;

/// <summary>
/// The stacked optimiser follows PyTorch's Adam and RAdam step by step, member by member. Adam is compared with
/// TorchSharp's <c>optim.Adam</c>; RAdam with PyTorch's update written out element by element, because TorchSharp 0.107's
/// <c>optim.RAdam</c> multiplies by the learning rate twice once the rectification starts (step 6 with default β₂).
/// Each check runs on both implementations: the one-pass host kernel and the tensor-operation form.
/// </summary>
public class StackedAdamTests
{
    private static (Tensor Start, Tensor Target) Problem()
    {
        using var generator = new Generator(4);
        return (randn([2, 3, 4], dtype: ScalarType.Float64, generator: generator), randn([2, 3, 4], dtype: ScalarType.Float64, generator: generator));
    }

    private static Tensor Gradient(Tensor p, Tensor target) => 4 * (p - target).pow(3);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AdamMatchesTorchSharpAdamPerMember(bool fused)
    {
        var (start, target) = Problem();
        double[] rates = [1e-2, 3e-3];
        var stacked = new Parameter(start.clone());
        using var ours = new StackedAdam(OptimizerKind.Adam, [stacked], rates, fused);
        Assert.Equal(fused, ours.UsesFusedKernel);
        var singles = Enumerable.Range(0, 2).Select(m => new Parameter(start[m].clone())).ToList();
        var theirs = singles.Select((p, m) => optim.Adam([p], rates[m])).ToList();
        for (int step = 0; step < 12; step++)
        {
            ours.ZeroGrad();
            (stacked - target).pow(4).sum().backward();
            ours.Step();
            for (int m = 0; m < 2; m++)
            {
                theirs[m].zero_grad();
                (singles[m] - target[m]).pow(4).sum().backward();
                theirs[m].step();
                GradientAssert.Close(singles[m].detach(), stacked[m].detach(), 1e-12, $"Adam member {m} step {step + 1}");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RAdamMatchesPyTorchsUpdatePerMember(bool fused)
    {
        var (start, target) = Problem();
        double[] rates = [1e-2, 3e-3];
        var stacked = new Parameter(start.clone());
        using var ours = new StackedAdam(OptimizerKind.RAdam, [stacked], rates, fused);

        // torch.optim.RAdam (β = (0.9, 0.999), ε = 1e-8), element by element in doubles.
        var p = start.data<double>().ToArray();
        var t = target.data<double>().ToArray();
        var m1 = new double[p.Length];
        var v = new double[p.Length];
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double rhoInf = 2 / (1 - b2) - 1;
        for (int step = 1; step <= 12; step++)
        {
            ours.ZeroGrad();
            (stacked - target).pow(4).sum().backward();
            ours.Step();
            double bc1 = 1 - Math.Pow(b1, step), bc2 = 1 - Math.Pow(b2, step);
            double rhoT = rhoInf - 2 * step * Math.Pow(b2, step) / bc2;
            for (int i = 0; i < p.Length; i++)
            {
                double lr = rates[i / 12];
                double g = 4 * Math.Pow(p[i] - t[i], 3);
                m1[i] = b1 * m1[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m1[i] / bc1;
                if (rhoT > 5)
                {
                    double rect = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                    p[i] -= lr * mHat * rect * Math.Sqrt(bc2) / (Math.Sqrt(v[i]) + eps);
                }
                else
                {
                    p[i] -= lr * mHat;
                }
            }
            GradientAssert.Close(tensor(p).view(2, 3, 4), stacked.detach(), 1e-12, $"RAdam step {step}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFrozenMemberStaysWhereItIs(bool fused)
    {
        var (start, target) = Problem();
        var stacked = new Parameter(start.clone());
        using var ours = new StackedAdam(OptimizerKind.Adam, [stacked], [1e-2, 1e-2], fused);
        ours.Freeze(1);
        (stacked - target).pow(4).sum().backward();
        ours.Step();
        Assert.True(stacked[1].eq(start[1]).all().item<bool>());
        Assert.False(stacked[0].eq(start[0]).all().item<bool>());
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RAdam)]
    public void TheHostKernelEqualsTheTensorOperationsInFloat32AcrossBlocksAndThreads(OptimizerKind kind)
    {
        // Three members of 1.44 M elements each (enough for the two-thread path; the last kernel block of each member partial),
        // plus a small second parameter (odd tails for the SIMD loop); different learning rates; member 2 frozen after step 3.
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        var shapes = new long[][] { [3, 1200, 1200], [3, 1, 7] };
        var starts = shapes.Select(s => randn(s, generator: generator)).ToList();
        var targets = shapes.Select(s => randn(s, generator: generator)).ToList();
        double[] rates = [1e-2, 3e-3, 5e-3];
        var fused = starts.Select(s => new Parameter(s.clone())).ToList();
        var reference = starts.Select(s => new Parameter(s.clone())).ToList();
        using var fast = new StackedAdam(kind, fused, rates) { Threads = 2 };
        using var slow = new StackedAdam(kind, reference, rates, fusedHostKernel: false);
        Assert.True(fast.UsesFusedKernel);
        Assert.False(slow.UsesFusedKernel);
        var frozenAt = new List<Tensor>();
        for (int step = 1; step <= 8; step++)
        {
            foreach (var (optimizer, parameters) in new[] { (fast, fused), (slow, reference) })
            {
                optimizer.ZeroGrad();
                parameters.Zip(targets).Select(pt => (pt.First - pt.Second).pow(2).sum()).Aggregate((a, b) => a + b).backward();
                optimizer.Step();
                if (step == 3)
                {
                    optimizer.Freeze(2);
                    frozenAt.AddRange(parameters.Select(p => p[2].detach().clone()));
                }
            }
            for (int i = 0; i < shapes.Length; i++)
            {
                // The same arithmetic up to float rounding: the tensor form folds differing learning rates in differently.
                var difference = (fused[i] - reference[i]).abs().max().item<float>();
                Assert.True(difference <= 2e-6f, $"{kind} step {step}, parameter {i}: max |fused − reference| = {difference:G3}");
            }
        }
        var final = fused.Concat(reference).Select(p => p[2]).ToList();
        for (int i = 0; i < final.Count; i++)
            Assert.True(final[i].eq(frozenAt[i]).all().item<bool>(), $"a frozen member moved ({(i < shapes.Length ? "fused" : "reference")}, parameter {i % shapes.Length})");
    }
}
