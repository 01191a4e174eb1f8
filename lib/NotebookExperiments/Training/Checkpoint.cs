using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>
/// Everything needed to resume a training job exactly, or to analyse its model: the job's definition, the epoch reached,
/// the metrics so far, the parameters, the optimiser's moments and every member's generator state.
/// </summary>
/// <remarks>
/// File layout: the ASCII magic <c>NBEXCKPT</c>, a format version, a JSON header (<see cref="CheckpointHeader"/>) and the
/// tensors (parameters in module order, first and second moments, learning rates, generator states). Written to a
/// temporary file in the same folder and renamed over the target, so a crash leaves the old or the new checkpoint.
/// </remarks>
public sealed class Checkpoint
{
    private static readonly byte[] Magic = "NBEXCKPT"u8.ToArray();
    private const int FormatVersion = 1;

    internal Checkpoint(CheckpointHeader header, IReadOnlyList<(string Name, Tensor Value)> parameters,
        IReadOnlyList<Tensor> firstMoments, IReadOnlyList<Tensor> secondMoments, Tensor learningRates, IReadOnlyList<Tensor> generatorStates)
    {
        Header = header;
        Parameters = parameters;
        FirstMoments = firstMoments;
        SecondMoments = secondMoments;
        LearningRates = learningRates;
        GeneratorStates = generatorStates;
    }

    /// <summary>The job's definition, progress and metrics.</summary>
    public CheckpointHeader Header { get; }

    internal IReadOnlyList<(string Name, Tensor Value)> Parameters { get; }
    internal IReadOnlyList<Tensor> FirstMoments { get; }
    internal IReadOnlyList<Tensor> SecondMoments { get; }
    internal Tensor LearningRates { get; }
    internal IReadOnlyList<Tensor> GeneratorStates { get; }

    /// <summary>The checkpoint file name for an epoch: <c>checkpoint-epoch0005.bin</c>.</summary>
    public static string FileName(int epoch) => $"checkpoint-epoch{epoch:D4}.bin";

    /// <summary>The checkpoint of the highest epoch in a folder, or null.</summary>
    public static string? Latest(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "checkpoint-epoch*.bin").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
            : null;

    /// <summary>Writes the checkpoint atomically.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temp))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(JsonSerializer.Serialize(Header, JsonOptions));
                writer.Write(Parameters.Count);
                foreach (var (name, value) in Parameters)
                {
                    writer.Write(name);
                    TensorSerialization.Write(writer, value);
                }
                foreach (var t in FirstMoments) TensorSerialization.Write(writer, t);
                foreach (var t in SecondMoments) TensorSerialization.Write(writer, t);
                TensorSerialization.Write(writer, LearningRates);
                writer.Write(GeneratorStates.Count);
                foreach (var t in GeneratorStates) TensorSerialization.Write(writer, t);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a checkpoint, another format version, or truncated; the message names the file.</exception>
    public static Checkpoint Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No checkpoint at {path}.", path);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("not a checkpoint file");
            int version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"checkpoint format {version}, expected {FormatVersion}");
            var header = JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString(), JsonOptions)
                ?? throw new InvalidDataException("empty header");
            int count = reader.ReadInt32();
            var parameters = new List<(string, Tensor)>();
            for (int i = 0; i < count; i++) parameters.Add((reader.ReadString(), TensorSerialization.Read(reader)));
            var first = Enumerable.Range(0, count).Select(_ => TensorSerialization.Read(reader)).ToList();
            var second = Enumerable.Range(0, count).Select(_ => TensorSerialization.Read(reader)).ToList();
            var learningRates = TensorSerialization.Read(reader);
            int generators = reader.ReadInt32();
            var states = Enumerable.Range(0, generators).Select(_ => TensorSerialization.Read(reader)).ToList();
            return new Checkpoint(header, parameters, first, second, learningRates, states);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new InvalidDataException($"{path} is not a readable checkpoint: {e.Message}", e);
        }
    }

    /// <summary>JSON conventions of checkpoint headers and summaries: snake_case names, NaN and ∞ allowed.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };
}

/// <summary>The JSON header of a <see cref="Checkpoint"/>.</summary>
/// <param name="Configuration">C×L and layer widths.</param>
/// <param name="Optimizer">Adam or RAdam.</param>
/// <param name="Epochs">The job's planned epochs.</param>
/// <param name="BatchSize">Examples per step.</param>
/// <param name="TrainSize">The training-set size limit, or null.</param>
/// <param name="DynamicBinarization">Whether pixels were binarised per batch.</param>
/// <param name="Members">The members' estimator, learning rate and seed.</param>
/// <param name="Epoch">Epochs completed when the checkpoint was written.</param>
/// <param name="OptimizerSteps">Optimiser steps taken.</param>
/// <param name="History">Per member, the metrics of the completed epochs.</param>
/// <param name="DivergedAtEpoch">Per member, the epoch at which it diverged, or null.</param>
public sealed record CheckpointHeader(
    VaeConfiguration Configuration,
    OptimizerKind Optimizer,
    int Epochs,
    int BatchSize,
    int? TrainSize,
    bool DynamicBinarization,
    IReadOnlyList<TrainingMember> Members,
    int Epoch,
    long OptimizerSteps,
    IReadOnlyList<IReadOnlyList<EpochMetrics>> History,
    IReadOnlyList<int?> DivergedAtEpoch)
{
    /// <summary>The training options this header describes (checkpointing and device aside).</summary>
    public TrainingOptions ToOptions() =>
        new(Configuration, Optimizer, Epochs, BatchSize, TrainSize, DynamicBinarization);
}
