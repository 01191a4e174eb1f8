using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Parameters of the η × τ₂ map of ReinMax-CV (<see cref="ControlVariateGrid"/>): the bias/variance study's model and batch (its
/// first seed's model, one checkpoint), the grid of η and τ₂, the control variates, and the estimates per cell. The quick preset maps
/// a 3 × 3 grid with at most 128 estimates per cell, the paper preset the authors' 7 × 10 search grid with the study's 1024.
/// </summary>
public sealed record ControlVariateGridParameters : IAnalysisParameters<ControlVariateGridParameters>
{
    /// <summary>The bias/variance study whose first seed's model and batch the map uses (its estimators and other seeds are not).</summary>
    public required BiasVarianceParameters Study { get; init; }

    /// <summary>Training epochs of the model (<see cref="Study"/>'s).</summary>
    [JsonIgnore, Override("Training epochs of the model")]
    public int Epochs { get => Study.Epochs; init => Study = Study with { Epochs = value }; }

    /// <summary>The training images of the model, the first N (<see cref="Study"/>'s; null for all 60,000).</summary>
    [JsonIgnore, Override("Use the first N training images")]
    public int? TrainSize { get => Study.TrainSize; init => Study = Study with { TrainSize = value }; }

    /// <summary>The checkpoint mapped; null for the last of <see cref="Study"/>'s checkpoint epochs.</summary>
    [Override("The epoch whose checkpoint is mapped (default: the study's last)")]
    public int? CheckpointEpoch { get; init; }

    /// <summary>The weights η.</summary>
    [Override("Weights η of the control variate")]
    public required IReadOnlyList<double> Etas { get; init; }

    /// <summary>The temperatures τ₂.</summary>
    [Override("Temperatures τ₂ of the control variate")]
    public required IReadOnlyList<double> Tau2s { get; init; }

    /// <summary>The control variates, names of <see cref="ReinMaxCv.ControlVariateNames"/>.</summary>
    [Override("Control variates (conditional: ours; forward, code: the authors')")]
    public IReadOnlyList<string> Variants { get; init; } = ReinMaxCv.ControlVariateNames;

    /// <summary>The Gumbel-Rao samples K of every cell.</summary>
    public int K { get; init; } = ControlVariateGrid.DefaultK;

    /// <summary>Estimates per cell (and of the reference, ReinMax at τ = 1).</summary>
    [Override("Estimates per cell")]
    public required int Samples { get; init; }

    /// <inheritdoc />
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>The quick bias/variance study's model at its last checkpoint: η ∈ {0.3, 0.7, 1.5} × τ₂ ∈ {0.1, 0.5, 1}, every control variate, 128 estimates per cell.</summary>
    public static ControlVariateGridParameters Quick => new()
    {
        Study = BiasVarianceParameters.Quick,
        Etas = [0.3, 0.7, 1.5],
        Tau2s = [0.1, 0.5, 1.0],
        Samples = Math.Min(128, BiasVarianceParameters.Quick.Samples),
        Preset = "quick",
    };

    /// <summary>The paper bias/variance study's model at its last checkpoint over the authors' grid (<see cref="ControlVariateGrid.Etas"/> × <see cref="ControlVariateGrid.Tau2s"/>), with the study's estimates.</summary>
    public static ControlVariateGridParameters Paper => new()
    {
        Study = BiasVarianceParameters.Paper,
        Etas = ControlVariateGrid.Etas,
        Tau2s = ControlVariateGrid.Tau2s,
        Samples = BiasVarianceParameters.Paper.Samples,
        Preset = "paper",
    };

    /// <summary>To check that the map runs: the smoke study's model, one cell (η = 0.7, τ₂ = 0.5) per control variate, 16 estimates.</summary>
    public static ControlVariateGridParameters Smoke => new()
    {
        Study = BiasVarianceParameters.Smoke,
        Etas = [0.7],
        Tau2s = [0.5],
        Samples = Math.Min(128, BiasVarianceParameters.Smoke.Samples),
        Preset = "smoke",
    };

    /// <inheritdoc />
    public static ControlVariateGridParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <inheritdoc />
    public ControlVariateGridParameters WithPreset(string preset) => this with { Preset = preset, Study = Study.WithPreset(preset) };

    /// <inheritdoc />
    /// <remarks>The authors publish the grid they searched, not statistics over it.</remarks>
    public bool? IsPaperProtocol() => null;

    /// <summary>
    /// The bias/variance study the map runs: <see cref="Study"/> with its first seed only, the one checkpoint, <see cref="Samples"/>
    /// estimates, and as estimators ReinMax (τ = 1) and the grid's cells (<see cref="BiasVarianceParameters.WithControlVariateGrid"/>).
    /// </summary>
    public BiasVarianceParameters GridStudy() => (Study with
    {
        Seeds = [Study.Seeds[0]],
        CheckpointEpochs = [CheckpointEpoch ?? Study.CheckpointEpochs.Max()],
        Samples = Samples,
        Estimators = [ControlVariateGrid.Reference],
    }).WithControlVariateGrid(Etas, Tau2s, Variants, K);

    /// <inheritdoc />
    public string Describe() => FormattableString.Invariant(
        $"ReinMax-CV over {Etas.Count} η × {Tau2s.Count} τ₂ ({string.Join(", ", Variants)}; K = {K}) at epoch {CheckpointEpoch ?? Study.CheckpointEpochs.Max()}; ") +
        GridStudy().Describe();

    /// <inheritdoc />
    public void Validate()
    {
        if (Study.Seeds.Count == 0) throw new ArgumentException("The study needs a seed: its first seed's model is mapped.", nameof(Study));
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a spread.");
        if (CheckpointEpoch is < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEpoch), CheckpointEpoch, "The checkpoint must be at least epoch 1.");
        GridStudy().Validate();
    }
}

/// <summary>The η × τ₂ map: the statistics of every cell and of the reference, and one row per cell set against the reference.</summary>
/// <param name="Statistics">The grid study's statistics (<see cref="BiasVarianceResult.Statistics"/>): ReinMax (τ = 1) and every cell.</param>
/// <param name="Summary">One row per cell (<see cref="ControlVariateGrid.Summarise"/>); empty while the reference or every cell is missing.</param>
public sealed record ControlVariateGridResult(DataFrame Statistics, DataFrame Summary);
