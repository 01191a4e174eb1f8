using System.Text.Json;

namespace NotebookExperiments.Analyses;

/// <summary>
/// An analysis described by what is particular to it, run by <see cref="AnalysisRunner"/> like every other: its presets and
/// overrides, its jobs and their units, how the stored units become its result, and the files it writes. The runner does the
/// rest the same way for all (validate, open the store, plan and shard the jobs, count progress, skip finished units, require
/// them all, read them back, write the files and the provenance), for the command line, <c>reproduce</c>, Slurm and the
/// notebooks alike.
/// </summary>
/// <typeparam name="TParameters">The parameters record (e.g. <see cref="BetaSweepParameters"/>).</typeparam>
/// <typeparam name="TResult">The result (e.g. <see cref="BetaSweepResult"/>).</typeparam>
/// <remarks>
/// The descriptor is the analysis's one entry point: <c>new BetaSweep().Run(parameters, environment)</c> runs it; what its
/// parameters say of themselves (presets, description, protocol) the base class takes from <see cref="IAnalysisParameters{TSelf}"/>.
/// </remarks>
/// <param name="name">The name: the command, the result folder, the store's analysis.</param>
/// <param name="summary">One line for <c>--help</c>.</param>
public abstract class Analysis<TParameters, TResult>(string name, string summary) : IAnalysis
    where TParameters : class, IAnalysisParameters<TParameters>
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public string Summary { get; } = summary;

    /// <inheritdoc />
    public Type ParametersType => typeof(TParameters);

    /// <summary>
    /// The parameters validated (<see cref="IAnalysisParameters{TSelf}.Validate"/>), then in canonical form (<see cref="Canonical"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A value out of range or an invalid spec.</exception>
    public TParameters Normalise(TParameters parameters)
    {
        parameters.Validate();
        return Canonical(parameters);
    }

    /// <summary>
    /// Valid parameters in canonical form: estimator specs as the catalogue writes them, so that <c>tau=1</c> and <c>tau=1.0</c> are
    /// one run. The parameters as given unless overridden.
    /// </summary>
    protected virtual TParameters Canonical(TParameters parameters) => parameters;

    /// <summary>The jobs, on a training set of <paramref name="trainImages"/> images, in the order a single process runs them.</summary>
    public abstract IReadOnlyList<AnalysisJob> Jobs(TParameters parameters, long trainImages);

    /// <summary>
    /// The result of the units of <see cref="Jobs"/> that are in the store, in the parameters' order: the whole result once every
    /// unit is there (as the runner requires), a partial one from a run stopped part-way or a merge that found units missing.
    /// </summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="store">The result store.</param>
    /// <param name="trainImages">The size of the training set the units were keyed with (60,000 for MNIST).</param>
    protected internal abstract TResult Collect(TParameters parameters, ResultStore store, long trainImages);

    /// <summary>The parameters a run recorded in its provenance (<see cref="Provenance.Parameters"/>), with its preset, normalised.</summary>
    /// <exception cref="InvalidDataException">The provenance is of another analysis, or its parameters cannot be read as <typeparamref name="TParameters"/>.</exception>
    /// <exception cref="ArgumentException">The parameters name something this process does not know (an estimator registered in a notebook).</exception>
    public TParameters ParametersOf(Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        if (provenance.Analysis != Name) throw new InvalidDataException($"The provenance is of {provenance.Analysis}, not {Name}.");
        TParameters? parameters;
        try
        {
            parameters = provenance.Parameters?.Deserialize<TParameters>(ResultStore.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The parameters of {Name} in its provenance cannot be read: {e.Message}", e);
        }
        if (parameters is null) throw new InvalidDataException($"The provenance of {Name} records no parameters.");
        return Normalise(parameters.WithPreset(provenance.Preset));
    }

    /// <inheritdoc />
    public StoredResults ReadResults(string directory, long trainImages = StoredResults.MnistTrainImages) =>
        StoredResults.Read(this, directory, trainImages);

    /// <summary>The files the result is written to in the result folder.</summary>
    protected internal abstract IEnumerable<ResultFile> Files(TParameters parameters, TResult result);

    /// <summary>Tables to show after a run.</summary>
    protected internal virtual IEnumerable<ResultTable> Tables(TParameters parameters, TResult result) => [];

    /// <summary>Lines to show after the tables.</summary>
    protected internal virtual IEnumerable<string> Notes(TParameters parameters, TResult result, AnalysisEnvironment environment) => [];

    /// <summary>Runs the analysis in <paramref name="environment"/> and returns its result; the files are written to the result folder.</summary>
    /// <exception cref="MissingUnitsException">A shard's share is done (or a merge found units missing) but other units are missing.</exception>
    public TResult Run(TParameters parameters, AnalysisEnvironment environment) => AnalysisRunner.Run(this, parameters, environment).Result;

    /// <summary>What a run would do now and how long it would take here (<see cref="AnalysisRunner.Estimate"/>).</summary>
    public PlanEstimate Estimate(TParameters parameters, AnalysisEnvironment environment, bool measure = true) =>
        AnalysisRunner.Estimate(this, parameters, environment, measure);

    /// <inheritdoc />
    public IPreparedAnalysis Prepare(string preset, IEnumerable<KeyValuePair<string, object?>> overrides) =>
        Prepare(Override.Apply(TParameters.FromPreset(preset), overrides));

    /// <summary>These parameters, normalised and validated, ready to plan and run.</summary>
    public IPreparedAnalysis Prepare(TParameters parameters) => new Prepared(this, Normalise(parameters));

    private sealed class Prepared(Analysis<TParameters, TResult> analysis, TParameters parameters) : IPreparedAnalysis
    {
        public IAnalysis Analysis => analysis;

        public object Parameters => parameters;

        public string Describe() => parameters.Describe();

        public IReadOnlyList<AnalysisJob> Jobs(long trainImages) => analysis.Jobs(parameters, trainImages);

        public bool CheckpointsEnsembles => parameters.CheckpointEnsembles;

        public AnalysisOutcome Run(AnalysisEnvironment environment) => AnalysisRunner.Run(analysis, parameters, environment).Outcome;

        public PlanEstimate Estimate(AnalysisEnvironment environment, bool measure) => AnalysisRunner.Estimate(analysis, parameters, environment, measure);
    }
}
