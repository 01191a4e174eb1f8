using System.Diagnostics;
using NotebookExperiments.Estimators;
using NotebookExperiments.Models;
using NotebookExperiments.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>
/// Trains one or many categorical VAEs of one configuration side by side (members stacked in one batched model, each
/// with its own estimator, learning rate, seed, data order, random stream and optimiser state), with per-epoch metrics,
/// atomic checkpoints that resume exactly, and divergence recorded per member.
/// </summary>
/// <remarks>
/// <para>One step, per member m: a batch of the member's own permutation of the training set, θ = encoder(x),
/// latent z from member m's estimator and generator, loss = mean over the batch of (reconstruction + KL to uniform), one
/// Adam/RAdam update. Estimators that relax (one objective evaluation) feed one batched decoder pass for all members;
/// multi-evaluation estimators (REINFORCE, exact) run member by member.</para>
/// <para>Determinism: for a given seed, thread count and device, a run is reproduced exactly, also across a checkpoint
/// and resume (generator states are part of the checkpoint). The test −ELBO uses a generator derived from the seed and the
/// epoch, so evaluating it does not change the training stream.</para>
/// <para>Divergence: the epoch-average loss is checked after every epoch; a member whose loss is not finite is recorded as
/// diverged at that epoch and frozen, while the others go on.</para>
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly IReadOnlyList<IGradientEstimator> _estimators;
    private readonly Generator[] _generators;
    private readonly StackedAdam _optimizer;
    private readonly List<EpochMetrics>[] _history;
    private readonly int?[] _diverged;

    /// <summary>Starts a new job.</summary>
    /// <exception cref="ArgumentException">No members, an invalid option, or a bad estimator spec.</exception>
    public Trainer(TrainingOptions options, IReadOnlyList<TrainingMember> members, EstimatorCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (members.Count == 0) throw new ArgumentException("A training job needs at least one member.", nameof(members));
        Options = options;
        Members = members;
        var estimators = catalog ?? EstimatorCatalog.Default;
        _estimators = members.Select(m => estimators.Create(m.Estimator)).ToList();
        _generators = members.Select(m => new Generator((ulong)m.Seed, options.Device)).ToArray();
        bool fused = options.Kernels == StepKernels.Fused;
        Model = new CategoricalVae(options.Configuration, _generators, fusedBackward: fused);
        Model.to(options.Device);
        _optimizer = new StackedAdam(options.Optimizer, Model.parameters(), members.Select(m => m.LearningRate).ToList(), fusedHostKernel: fused);
        _history = members.Select(_ => new List<EpochMetrics>()).ToArray();
        _diverged = new int?[members.Count];
    }

    /// <summary>Continues a job from a checkpoint, exactly where it stopped.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="checkpointEpochs">Epochs at which to write further checkpoints.</param>
    /// <param name="checkpointDirectory">Where to write them (null: none).</param>
    /// <param name="device">The device to continue on.</param>
    public static Trainer Resume(Checkpoint checkpoint, IReadOnlyList<int>? checkpointEpochs = null, string? checkpointDirectory = null, Device? device = null)
    {
        var h = checkpoint.Header;
        var options = h.ToOptions() with
        {
            CheckpointEpochs = checkpointEpochs ?? [],
            CheckpointDirectory = checkpointDirectory,
            Device = device ?? CPU,
        };
        var trainer = new Trainer(options, h.Members);
        using (no_grad())
        {
            var named = trainer.Model.named_parameters().ToList();
            if (named.Count != checkpoint.Parameters.Count)
                throw new InvalidDataException($"The checkpoint has {checkpoint.Parameters.Count} parameters; the model has {named.Count}.");
            for (int i = 0; i < named.Count; i++)
            {
                if (named[i].name != checkpoint.Parameters[i].Name || !named[i].parameter.shape.SequenceEqual(checkpoint.Parameters[i].Value.shape))
                    throw new InvalidDataException($"Checkpoint parameter {checkpoint.Parameters[i].Name} does not match the model's {named[i].name}.");
                named[i].parameter.copy_(checkpoint.Parameters[i].Value);
            }
        }
        trainer._optimizer.Restore(checkpoint.FirstMoments, checkpoint.SecondMoments, h.OptimizerSteps, checkpoint.LearningRates);
        for (int m = 0; m < trainer._generators.Length; m++)
        {
            trainer._generators[m].set_state(checkpoint.GeneratorStates[m]);
            trainer._history[m].AddRange(h.History[m]);
            trainer._diverged[m] = h.DivergedAtEpoch[m];
        }
        trainer.CompletedEpochs = h.Epoch;
        return trainer;
    }

    /// <summary>The job's options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The members.</summary>
    public IReadOnlyList<TrainingMember> Members { get; }

    /// <summary>The model, all members stacked.</summary>
    public CategoricalVae Model { get; }

    /// <summary>Epochs completed so far.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Each member's outcome so far.</summary>
    public IReadOnlyList<MemberResult> Results =>
        Members.Select((m, i) => new MemberResult(m, _history[i].ToList(), _diverged[i])).ToList();

    /// <summary>Runs the remaining epochs.</summary>
    /// <param name="data">Training and test images.</param>
    /// <param name="progress">Receives progress after every batch and the metrics after every epoch.</param>
    /// <param name="cancellation">Stops after the current batch; the job can then be resumed from its last checkpoint.</param>
    /// <returns>Each member's outcome.</returns>
    public IReadOnlyList<MemberResult> Run(TrainingData data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var train = PrepareImages(data.Train, Options.TrainSize, "training");
        var test = PrepareImages(data.Test, null, "test");
        int n = (int)train.shape[0];
        int batches = (n + Options.BatchSize - 1) / Options.BatchSize;
        Model.train();
        while (CompletedEpochs < Options.Epochs)
        {
            int epoch = CompletedEpochs + 1;
            var clock = Stopwatch.StartNew();
            Tensor lossSums;
            using (var epochScope = NewDisposeScope())
            {
                lossSums = zeros(Members.Count, dtype: ScalarType.Float64, device: Options.Device);
                var order = stack(_generators.Select(g => randperm(n, generator: g, device: Options.Device)));
                for (int b = 0; b < batches; b++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    // The share of the cores this run may use, checked once a second (README, Performance: runs side by side).
                    TorchThreads.Poll();
                    _optimizer.Threads = Math.Max(1, get_num_threads());
                    using var stepScope = NewDisposeScope();
                    int start = b * Options.BatchSize, size = Math.Min(Options.BatchSize, n - start);
                    var index = order.narrow(1, start, size);
                    var x = train.index_select(0, index.flatten()).view(Members.Count, size, -1);
                    if (Options.DynamicBinarization) x = Binarize(x);
                    var losses = Step(x);
                    lossSums.add_(losses.detach().to(ScalarType.Float64) * size);
                    progress?.Report(new TrainingProgress(epoch, Options.Epochs, b + 1, batches, null));
                }
                lossSums = (lossSums / n).cpu().MoveToOuterDisposeScope();
            }
            var trainLosses = lossSums.data<double>().ToArray();
            lossSums.Dispose();
            bool last = epoch == Options.Epochs;
            var testLosses = Options.ComputeTestLoss && (Options.TestEveryEpoch || last) ? TestLosses(test, epoch) : null;
            double seconds = clock.Elapsed.TotalSeconds;

            var finished = new List<EpochMetrics>();
            for (int m = 0; m < Members.Count; m++)
            {
                if (_diverged[m] is not null) continue;
                var metrics = new EpochMetrics(m, epoch, trainLosses[m], testLosses?[m], seconds);
                _history[m].Add(metrics);
                finished.Add(metrics);
                if (!double.IsFinite(trainLosses[m]))
                {
                    _diverged[m] = epoch;
                    _optimizer.Freeze(m);
                }
            }
            CompletedEpochs = epoch;
            if (Options.CheckpointDirectory is not null && Options.CheckpointEpochs.Contains(epoch))
            {
                var path = Path.Combine(Options.CheckpointDirectory, Checkpoint.FileName(epoch));
                ToCheckpoint().Save(path);
                if (Options.KeepOnlyLatestCheckpoint)
                    foreach (var older in Directory.GetFiles(Options.CheckpointDirectory, "checkpoint-epoch*.bin").Where(f => f != path))
                        File.Delete(older);
            }
            progress?.Report(new TrainingProgress(epoch, Options.Epochs, batches, batches, finished));
        }
        return Results;
    }

    /// <summary>
    /// One optimisation step of every member on images <c>[M, B, 784]</c> (member m's batch in row m); returns each member's
    /// batch loss <c>[M]</c>. <see cref="Run"/> calls it for every batch; benchmarks call it directly.
    /// </summary>
    public Tensor Step(Tensor x)
    {
        var losses = ForwardBackward(x);
        _optimizer.Step();
        return losses;
    }

    /// <summary>
    /// The forward and backward pass of <see cref="Step"/> without its optimiser update: every member's batch loss <c>[M]</c> for
    /// images <c>[M, B, 784]</c>, with the parameters' gradients (zeroed first) left in <c>.grad</c>. It draws from the members'
    /// generators as a step does. The work the ZGR paper times per batch and estimator (Shekhovtsov 2023, Fig. 5:
    /// "time of a forward-backward pass per batch"); <see cref="Step"/> adds the Adam or RAdam update, the same for every estimator.
    /// </summary>
    public Tensor ForwardBackward(Tensor x)
    {
        var logits = Model.EncoderLogits(x);
        var reconstruction = ReconstructionSurrogate(x, logits, _generators);
        var losses = (reconstruction + CategoricalVae.KlToUniform(logits)).mean([1]);
        _optimizer.ZeroGrad();
        losses.sum().backward();
        BackwardRuleErrors.ThrowIfAny();
        return losses;
    }

    /// <summary>Per-example reconstruction surrogate <c>[M, B]</c> of every member through its own estimator and generator.</summary>
    private Tensor ReconstructionSurrogate(Tensor x, Tensor logits, IReadOnlyList<Generator> generators)
    {
        if (_estimators.All(e => e is IRelaxingEstimator))
        {
            var latents = stack(_estimators.Select((e, m) => ((IRelaxingEstimator)e).Relax(logits[m], generators[m])));
            return Model.ReconstructionLoss(x, latents);
        }
        return stack(_estimators.Select((e, m) =>
        {
            var images = x[m];
            int member = m;
            return e.Surrogate(logits[m], z => Model.ReconstructionLoss(images, z, member), generators[m]);
        }));
    }

    /// <summary>Test −ELBO per member with one-hot samples D ~ Cat(softmax θ), from a generator derived from (seed, epoch).</summary>
    private double[] TestLosses(Tensor test, int epoch)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Model.eval();
        var generators = Members.Select(m => new Generator((ulong)(m.Seed * 1_000_003L + 7919L * epoch + 17), Options.Device)).ToArray();
        try
        {
            var sums = zeros(Members.Count, dtype: ScalarType.Float64, device: Options.Device);
            int n = (int)test.shape[0];
            const int chunk = 1000;
            for (int start = 0; start < n; start += chunk)
            {
                using var chunkScope = NewDisposeScope();
                int size = Math.Min(chunk, n - start);
                var x = test.narrow(0, start, size).unsqueeze(0).expand(Members.Count, size, -1).contiguous();
                var logits = Model.EncoderLogits(x);
                var sample = stack(Enumerable.Range(0, Members.Count).Select(m => Categorical.Sample(logits[m], generators[m])));
                var loss = Model.ReconstructionLoss(x, sample) + CategoricalVae.KlToUniform(logits);
                sums.add_(loss.to(ScalarType.Float64).sum([1]));
            }
            return (sums / n).cpu().data<double>().ToArray();
        }
        finally
        {
            foreach (var g in generators) g.Dispose();
            Model.train();
        }
    }

    private Tensor Binarize(Tensor x) =>
        stack(Enumerable.Range(0, Members.Count).Select(m => bernoulli(x[m], generator: _generators[m])));

    private Tensor PrepareImages(Tensor images, int? limit, string what)
    {
        if (images.dim() != 2 || images.shape[1] != Options.Configuration.Pixels)
            throw new ArgumentException($"The {what} images must be [N, {Options.Configuration.Pixels}]; got [{string.Join(", ", images.shape)}].");
        var selected = limit is int l ? images.narrow(0, 0, Math.Min(l, images.shape[0])) : images;
        return selected.to(ScalarType.Float32, Options.Device);
    }

    /// <summary>
    /// The order in which member <paramref name="member"/> would visit the first <paramref name="count"/> training images in its
    /// next epoch (the permutation <see cref="Run"/> draws at the start of an epoch), drawn from a copy of the member's
    /// generator so that the job itself is not disturbed.
    /// </summary>
    public Tensor NextEpochOrder(int member, long count)
    {
        using var copy = new Generator(0, Options.Device);
        copy.set_state(_generators[member].get_state());
        return randperm(count, generator: copy, device: Options.Device);
    }

    /// <summary>The job's state as a checkpoint (parameters, optimiser, generators, metrics).</summary>
    public Checkpoint ToCheckpoint()
    {
        var header = new CheckpointHeader(Options.Configuration, Options.Optimizer, Options.Epochs, Options.BatchSize,
            Options.TrainSize, Options.DynamicBinarization, Members, CompletedEpochs, _optimizer.Steps,
            _history.Select(h => (IReadOnlyList<EpochMetrics>)h.ToList()).ToList(), _diverged.ToList());
        var state = _optimizer.State;
        return new Checkpoint(header, Model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList(),
            state.First, state.Second, state.LearningRates, _generators.Select(g => g.get_state()).ToList());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
        foreach (var g in _generators) g.Dispose();
    }
}
