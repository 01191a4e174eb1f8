namespace NotebookExperiments.Benchmarks;

/// <summary>The parts of a benchmark run, selected with <c>--sections</c>.</summary>
internal enum BenchmarkSection
{
    /// <summary><c>flop</c>: matrix-product throughput of the shapes of one training step, and the step's FLOP floor.</summary>
    Flop,

    /// <summary><c>steps</c>: one training step per estimator.</summary>
    Steps,

    /// <summary><c>oracle</c>: the exact encoder-logit gradient by enumeration (<c>VaeExactOracle</c>).</summary>
    Oracle,

    /// <summary><c>ensemble</c>: 29 members trained in one stacked model versus 29 separate models.</summary>
    Ensemble,

    /// <summary><c>study</c>: 1024 gradient estimates in one batched pass versus one by one. Last of the sections timed in this
    /// process, because its large allocations change the timing of whatever runs after it in the same process.</summary>
    Study,

    /// <summary><c>shared</c>: two training processes at once against one after the other, with every core's threads fixed and with
    /// the cores shared (processes of their own).</summary>
    Shared,

    /// <summary><c>jobs</c>: the command line in one process against <c>--jobs 2</c>, on the quick main job and a paper slice (not in
    /// the default list: it takes about 15 minutes).</summary>
    Jobs,
}
