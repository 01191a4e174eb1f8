namespace NotebookExperiments.Data;

/// <summary>An npm command could not be run or did not succeed; the message says which command and what happened (npm's own error output, shortened).</summary>
/// <param name="message">What happened.</param>
/// <param name="npmMissing">True when npm itself could not be started (not installed or not on PATH).</param>
/// <param name="inner">The underlying error, if any.</param>
internal sealed class NpmCommandException(string message, bool npmMissing, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when npm itself could not be started (not installed or not on PATH); false when it ran and failed.</summary>
    public bool NpmMissing { get; } = npmMissing;
}
