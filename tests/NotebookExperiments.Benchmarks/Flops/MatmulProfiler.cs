using NotebookExperiments.Timing;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>
/// Measures the time of matrix products by shape, once per shape per run, and adds them up into FLOP floors.
/// </summary>
/// <remarks>
/// Each product runs on random operands laid out as in <see cref="MatmulShape"/> and writes into a preallocated output
/// (<c>out.addmm_(a, b, beta: 0)</c>), so that the time is the BLAS kernel's alone, with warm caches: an optimistic floor.
/// The shapes asked for in one call are timed in interleaved rounds (<see cref="InterleavedRunner"/>).
/// </remarks>
internal sealed class MatmulProfiler(RunPlan plan, Action<string>? log = null)
{
    private readonly Dictionary<MatmulShape, TimingSample> _measured = [];

    /// <summary>The timing of every shape measured so far.</summary>
    public IReadOnlyDictionary<MatmulShape, TimingSample> Measured => _measured;

    /// <summary>Times the shapes not measured yet (together, interleaved) and returns the timing of each shape asked for.</summary>
    public IReadOnlyList<TimingSample> Measure(IEnumerable<MatmulShape> shapes)
    {
        var wanted = shapes.ToList();
        var missing = wanted.Distinct().Where(s => !_measured.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            log?.Invoke($"timing {missing.Count} matrix product shape(s)");
            var operands = missing.Select(Allocate).ToList();
            try
            {
                var cases = missing.Select((s, i) => new TimedCase(s.ToString(), () => Multiply(operands[i]))).ToList();
                var samples = InterleavedRunner.Run(cases, plan, log);
                for (int i = 0; i < missing.Count; i++) _measured[missing[i]] = samples[i];
            }
            finally
            {
                foreach (var o in operands) o.Dispose();
            }
        }
        return wanted.Select(s => _measured[s]).ToList();
    }

    /// <summary>The floor of a computation made of these products: their FLOPs, and the sum of their measured median times.</summary>
    public FloorEstimate Floor(IReadOnlyList<MatmulTerm> terms)
    {
        var samples = Measure(terms.Select(t => t.Shape));
        return new FloorEstimate(terms.Sum(t => t.Shape.Flops), samples.Sum(s => s.Seconds.Median));
    }

    /// <summary>
    /// A case that runs every product of <paramref name="terms"/> once per invocation, each on its own preallocated operands,
    /// <paramref name="repetitions"/> times over: the floor as a timed case, to interleave with the computation it bounds so
    /// that the ratio of the two is taken round by round (a machine whose speed drifts moves both). Dispose the result after
    /// timing.
    /// </summary>
    public static FloorCase CreateFloorCase(string name, IReadOnlyList<MatmulTerm> terms, int repetitions = 1)
    {
        var operands = Enumerable.Range(0, repetitions).SelectMany(_ => terms.Select(t => Allocate(t.Shape))).ToList();
        return new FloorCase(new TimedCase(name, () =>
        {
            foreach (var o in operands) Multiply(o);
        }, OperationsPerInvocation: repetitions), operands);
    }

    /// <summary>A floor as a timed case, owning its operands.</summary>
    public sealed class FloorCase : IDisposable
    {
        private readonly IReadOnlyList<IDisposable> _operands;

        internal FloorCase(TimedCase timed, IReadOnlyList<IDisposable> operands)
        {
            Case = timed;
            _operands = operands;
        }

        /// <summary>The case to time.</summary>
        public TimedCase Case { get; }

        /// <inheritdoc />
        public void Dispose()
        {
            foreach (var o in _operands) o.Dispose();
        }
    }

    private static void Multiply(Operands o)
    {
        using var scope = NewDisposeScope();
        o.Output.addmm_(o.Left, o.Right, beta: 0, alpha: 1);
    }

    private static Operands Allocate(MatmulShape s)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(12345);
        var left = s.LeftTransposed ? randn([s.Inner, s.Rows], s.DType, generator: generator).t() : randn([s.Rows, s.Inner], s.DType, generator: generator);
        var right = s.RightTransposed ? randn([s.Columns, s.Inner], s.DType, generator: generator).t() : randn([s.Inner, s.Columns], s.DType, generator: generator);
        var output = zeros([s.Rows, s.Columns], s.DType);
        return new Operands(left.MoveToOuterDisposeScope(), right.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
    }

    private sealed record Operands(Tensor Left, Tensor Right, Tensor Output) : IDisposable
    {
        public void Dispose()
        {
            Left.Dispose();
            Right.Dispose();
            Output.Dispose();
        }
    }
}
