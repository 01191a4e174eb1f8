namespace NotebookExperiments.Analyses;

/// <summary>
/// What every analysis's parameters record says of itself, so that its descriptor (<see cref="Analysis{TParameters, TResult}"/>)
/// need not repeat it: its presets, the preset it started from, one line that describes it, whether it is the published protocol,
/// whether its ensembles checkpoint, and its validation.
/// </summary>
/// <typeparam name="TSelf">The parameters record itself.</typeparam>
public interface IAnalysisParameters<TSelf> where TSelf : class, IAnalysisParameters<TSelf>
{
    /// <summary>The preset named <paramref name="preset"/> (<see cref="Presets.Names"/>).</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Presets.Names"/>.</exception>
    static abstract TSelf FromPreset(string preset);

    /// <summary>The preset these parameters started from (<c>quick</c>, <c>paper</c>, <c>smoke</c> or <c>custom</c>), for titles.</summary>
    string Preset { get; }

    /// <summary>
    /// These parameters with the preset they started from, which is not part of their JSON (parameters read back from
    /// <see cref="Provenance.Parameters"/> name the preset <c>custom</c> until this restores it).
    /// </summary>
    TSelf WithPreset(string preset);

    /// <summary>One line for titles: the parameters actually run, and whether they are the paper's protocol.</summary>
    string Describe();

    /// <summary>Whether the parameters are the published protocol; null where no paper fixes one.</summary>
    bool? IsPaperProtocol();

    /// <summary>Whether the parameters ask every ensemble to checkpoint after every epoch (so that a crash loses at most one epoch).</summary>
    bool CheckpointEnsembles => false;

    /// <summary>Throws when a field is out of range.</summary>
    /// <exception cref="ArgumentException">A value out of range or an invalid spec; the message names it.</exception>
    void Validate();
}
