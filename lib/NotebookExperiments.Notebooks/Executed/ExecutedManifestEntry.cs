namespace NotebookExperiments.Notebooks.Executed;

/// <summary>How one executed copy was made.</summary>
/// <param name="SourceSha256">The <see cref="SourceDigest"/> of the source notebook it was executed from.</param>
/// <param name="Preset">The preset it ran at (its <c>preset</c> parameter).</param>
/// <param name="Parameters">The parameters overridden besides the output folder (empty for the committed copies), as name=value.</param>
/// <param name="ResultsRevision">The results revision of the analyses it ran (<c>ResultsRevision.Current</c>), when known.</param>
/// <param name="Executed">When it was executed (UTC, to the second).</param>
/// <param name="Seconds">How long the kernel took to execute it, to a tenth of a second.</param>
/// <param name="Charts">How many chart outputs it has, each with its image.</param>
internal sealed record ExecutedManifestEntry(
    string SourceSha256,
    string Preset,
    IReadOnlyDictionary<string, string> Parameters,
    int? ResultsRevision,
    DateTimeOffset Executed,
    double Seconds,
    int Charts);
