using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>
/// Adam and RAdam for parameters stacked along a leading member dimension <c>[M, ...]</c>, with a learning rate per member
/// and members that can be frozen (diverged runs). Element-wise, so every member is optimised exactly as it would be alone.
/// </summary>
/// <remarks>
/// Adam, as <c>torch.optim.Adam</c>: <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε)</c>.
/// RAdam, as <c>torch.optim.RAdam</c>: with <c>ρ∞ = 2/(1−β₂) − 1</c> and <c>ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ)</c>, if <c>ρₜ &gt; 5</c>
/// <c>p ← p − lr · m̂ · r · √(1−β₂ᵗ)/(√v + ε)</c> with <c>r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))</c>, else <c>p ← p − lr · m̂</c>,
/// where <c>m̂ = m/(1−β₁ᵗ)</c>.
/// </remarks>
internal sealed class StackedAdam : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly Tensor?[] _scratch;       // tensor-op path, per parameter: the denominator, rewritten in place every step
    private readonly Tensor _learningRates;   // [M] on the parameters' device, zero for frozen members (the tensor path, checkpoints)
    private readonly bool[] _frozenMembers;
    private readonly Block[] _blocks;         // host kernel: the work, in cache-sized pieces of one member's parameter
    private readonly bool _fused;
    private readonly long _elements;          // parameters in all

    /// <summary>Elements per block of the host kernel: four float32 blocks (p, g, m, v) of 64 KiB fit a core's L2 cache.</summary>
    private const int BlockElements = 16384;

    /// <summary>
    /// Parameters from which the host kernel runs on <see cref="Threads"/> threads (four 8×4 VAEs). Below it one thread is
    /// faster: the update then takes well under a millisecond, and a second thread would wait for a core that LibTorch's
    /// worker still holds after the backward pass.
    /// </summary>
    private const long ParallelElements = 1L << 22;

    /// <summary>A piece of the host kernel's work: <c>Count</c> elements of member <c>Member</c>'s slice of a parameter.</summary>
    private readonly record struct Block(int Parameter, int Member, long Offset, long Count);

    /// <param name="kind">Adam or RAdam.</param>
    /// <param name="parameters">Stacked parameters <c>[M, ...]</c> (at least 2-D).</param>
    /// <param name="learningRates">One learning rate per member.</param>
    /// <param name="fusedHostKernel">Use the one-pass host kernel where the tensors allow it (see <see cref="Step"/>); false
    /// keeps the tensor-operation form everywhere (a baseline for benchmarks).</param>
    public StackedAdam(OptimizerKind kind, IEnumerable<Tensor> parameters, IReadOnlyList<double> learningRates, bool fusedHostKernel = true)
    {
        Kind = kind;
        _parameters = parameters.ToList();
        foreach (var lr in learningRates)
            if (!(lr > 0 && double.IsFinite(lr))) throw new ArgumentOutOfRangeException(nameof(learningRates), lr, "The learning rate must be finite and > 0.");
        using (no_grad())
        {
            _firstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
            _secondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
            _scratch = new Tensor?[_parameters.Count];
            _learningRates = tensor(learningRates.ToArray(), dtype: _parameters[0].dtype, device: _parameters[0].device).DetachFromDisposeScope();
        }
        LearningRates = learningRates.ToArray();
        _frozenMembers = new bool[LearningRates.Count];
        _fused = fusedHostKernel && _parameters.All(p => IsHostContiguous(p, _parameters[0].dtype) && p.shape[0] == LearningRates.Count);
        _blocks = _fused ? PlanBlocks(_parameters, LearningRates.Count) : [];
        _elements = _parameters.Sum(p => p.numel());
        Threads = Math.Max(1, torch.get_num_threads());
    }

    private static Block[] PlanBlocks(IReadOnlyList<Tensor> parameters, int members)
    {
        var blocks = new List<Block>();
        for (int i = 0; i < parameters.Count; i++)
        {
            long perMember = parameters[i].numel() / members;
            for (int m = 0; m < members; m++)
                for (long start = 0; start < perMember; start += BlockElements)
                    blocks.Add(new Block(i, m, m * perMember + start, Math.Min(BlockElements, perMember - start)));
        }
        return [.. blocks];
    }

    /// <summary>Adam or RAdam.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>The learning rate of each member.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <summary>The number of steps taken, t.</summary>
    public long Steps { get; private set; }

    /// <summary>Stops updating a member: its parameters stay as they are (and, on the host kernel, its moments too).</summary>
    public void Freeze(int member)
    {
        using var _ = no_grad();
        if (_frozenMembers[member]) return;
        _learningRates[member] = 0;
        _frozenMembers[member] = true;
    }

    /// <summary>Clears the gradients of the parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.grad?.zero_();
    }

    /// <summary>One update of every member from the current gradients.</summary>
    /// <remarks>
    /// On the CPU, with contiguous float32 or float64 parameters and gradients, the update is <see cref="AdamKernel"/>: one pass
    /// over each member's parameters, split into cache-sized blocks over <see cref="Threads"/> threads, and frozen members are
    /// skipped. Elsewhere (CUDA) it is written in tensor operations that touch every parameter as few times as possible: the
    /// first moment by one <c>lerp_</c>, the second by <c>mul_</c> and <c>addcmul_</c>, the denominator in place, and one
    /// <c>addcdiv_</c> when every member shares the learning rate.
    /// </remarks>
    public void Step()
    {
        using var scope = NewDisposeScope();     // the gradient and storage handles read below
        Steps++;
        if (UsesFusedKernel) StepFused();
        else StepWithTensorOperations();
    }

    /// <summary>Whether <see cref="Step"/> runs the one-pass host kernel (<see cref="AdamKernel"/>).</summary>
    public bool UsesFusedKernel => _fused && _parameters.All(p => p.grad is not { } g || IsHostContiguous(g, p.dtype));

    /// <summary>
    /// The threads of the host kernel for models of at least four million parameters (default: TorchSharp's intra-op thread
    /// count at construction); smaller models are updated on the calling thread.
    /// </summary>
    public int Threads { get; set; }

    private static bool IsHostContiguous(Tensor t, ScalarType dtype) =>
        t.device_type == DeviceType.CPU && t.dtype == dtype && t.is_contiguous() && dtype is ScalarType.Float32 or ScalarType.Float64;

    private void StepFused()
    {
        double bc1 = 1 - Math.Pow(Beta1, Steps), bc2 = 1 - Math.Pow(Beta2, Steps);
        double scale;           // the step size of member m is LearningRates[m] · scale
        AdamKernel.Constants k;
        if (Kind == OptimizerKind.Adam)
        {
            k = new(1 - Beta1, Beta2, 1 - Beta2, Math.Sqrt(bc2), Epsilon, Adaptive: true);
            scale = 1 / bc1;
        }
        else
        {
            double rhoInf = 2 / (1 - Beta2) - 1;
            double rhoT = rhoInf - 2 * Steps * Math.Pow(Beta2, Steps) / bc2;
            bool rectified = rhoT > 5;
            k = new(1 - Beta1, Beta2, 1 - Beta2, 1, Epsilon, Adaptive: rectified);
            scale = rectified
                ? Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) * Math.Sqrt(bc2) / bc1
                : 1 / bc1;
        }
        var pointers = new (IntPtr P, IntPtr G, IntPtr M, IntPtr V)[_parameters.Count];
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var g = p.grad ?? throw new InvalidOperationException("A parameter has no gradient: call backward before Step.");
            pointers[i] = (Address(p), Address(g), Address(_firstMoments[i]), Address(_secondMoments[i]));
        }
        var stepSizes = LearningRates.Select(r => r * scale).ToArray();
        bool isFloat = _parameters[0].dtype == ScalarType.Float32;
        void Run(int b)
        {
            var block = _blocks[b];
            if (_frozenMembers[block.Member]) return;
            var (p, g, m, v) = pointers[block.Parameter];
            unsafe
            {
                if (isFloat)
                    AdamKernel.Update((float*)p + block.Offset, (float*)g + block.Offset, (float*)m + block.Offset, (float*)v + block.Offset,
                        block.Count, k, stepSizes[block.Member]);
                else
                    AdamKernel.Update((double*)p + block.Offset, (double*)g + block.Offset, (double*)m + block.Offset, (double*)v + block.Offset,
                        block.Count, k, stepSizes[block.Member]);
            }
        }
        if (Threads <= 1 || _elements < ParallelElements)
            for (int b = 0; b < _blocks.Length; b++) Run(b);
        else
            Parallel.For(0, _blocks.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, Run);
    }

    private static IntPtr Address(Tensor t)
    {
        var storage = t.dtype == ScalarType.Float32 ? (Storage)t.storage<float>() : t.storage<double>();
        return storage.data_ptr() + checked((nint)(t.storage_offset() * t.element_size()));
    }

    private void StepWithTensorOperations()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        double bc1 = 1 - Math.Pow(Beta1, Steps), bc2 = 1 - Math.Pow(Beta2, Steps);
        bool shared = !_frozenMembers.Contains(true) && LearningRates.All(r => r == LearningRates[0]);
        for (int i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var g = p.grad ?? throw new InvalidOperationException("A parameter has no gradient: call backward before Step.");
            var m = _firstMoments[i].lerp_(g, 1 - Beta1);
            var v = _secondMoments[i].mul_(Beta2).addcmul_(g, g, value: 1 - Beta2);
            var lr = shared ? null : _learningRates.view([-1, .. Enumerable.Repeat(1L, (int)p.dim() - 1)]);
            var scratch = _scratch[i] ??= empty_like(p).DetachFromDisposeScope();
            if (Kind == OptimizerKind.Adam)
            {
                var denom = scratch.copy_(v).sqrt_().div_(Math.Sqrt(bc2)).add_(Epsilon);
                if (lr is null) p.addcdiv_(m, denom, value: -LearningRates[0] / bc1);
                else p.sub_(denom.reciprocal_().mul_(m).mul_(lr).div_(bc1));
                continue;
            }
            double rhoInf = 2 / (1 - Beta2) - 1;
            double rhoT = rhoInf - 2 * Steps * Math.Pow(Beta2, Steps) / bc2;
            if (rhoT > 5)
            {
                double rect = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                var denom = scratch.copy_(v).sqrt_().add_(Epsilon);
                double scale = rect * Math.Sqrt(bc2) / bc1;
                if (lr is null) p.addcdiv_(m, denom, value: -LearningRates[0] * scale);
                else p.sub_(denom.reciprocal_().mul_(m).mul_(lr).mul_(scale));
            }
            else if (lr is null) p.add_(m, alpha: -LearningRates[0] / bc1);
            else p.sub_(m.mul(lr).div_(bc1));
        }
    }

    /// <summary>The optimiser's state for a checkpoint: moments in parameter order, and the step count.</summary>
    public (IReadOnlyList<Tensor> First, IReadOnlyList<Tensor> Second, long Steps, Tensor LearningRates) State =>
        (_firstMoments, _secondMoments, Steps, _learningRates);

    /// <summary>Restores a state saved from <see cref="State"/>.</summary>
    public void Restore(IReadOnlyList<Tensor> first, IReadOnlyList<Tensor> second, long steps, Tensor learningRates)
    {
        using var _ = no_grad();
        for (int i = 0; i < _parameters.Count; i++)
        {
            _firstMoments[i].copy_(first[i]);
            _secondMoments[i].copy_(second[i]);
        }
        _learningRates.copy_(learningRates);
        var rates = _learningRates.cpu().to(ScalarType.Float64).data<double>().ToArray();
        for (int m = 0; m < rates.Length; m++) _frozenMembers[m] = rates[m] == 0;
        Steps = steps;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _firstMoments.Concat(_secondMoments)) t.Dispose();
        foreach (var t in _scratch) t?.Dispose();
        _learningRates.Dispose();
    }
}
