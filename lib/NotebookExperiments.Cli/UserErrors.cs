using System.Globalization;

namespace NotebookExperiments.Cli;

/// <summary>
/// Turns the argument errors a user can cause into one line that names the command-line option and what it accepts,
/// without .NET's own decorations (<c>(Parameter 'learningRates')</c>, <c>Actual value was -1.</c>).
/// </summary>
internal static class UserErrors
{
    /// <summary>The option behind each parameter name that the library's validation reports, for every command.</summary>
    public static IReadOnlyDictionary<string, string> DefaultOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["learningRates"] = "--lr",
        ["Epochs"] = "--epochs",
        ["BatchSize"] = "--batch-size",
        ["TrainSize"] = "--train-size",
        ["Samples"] = "--samples",
        ["MaxEnsembleSize"] = "--max-ensemble",
        ["CheckpointEpochs"] = "--checkpoints",
        ["categories"] = "--categories (-C)",
        ["latents"] = "--latents (-L)",
        ["batch"] = "--batch",
        ["logitScale"] = "--logit-scale",
    };

    /// <summary>
    /// The message of <paramref name="error"/> for the console: for an <see cref="ArgumentException"/>, the library's own sentence,
    /// prefixed with the option it came from and followed by the rejected value when the sentence does not give it.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <param name="options">Options of this command whose parameter names differ from <see cref="DefaultOptions"/>.</param>
    public static string Message(Exception error, IReadOnlyDictionary<string, string>? options = null)
    {
        if (error is not ArgumentException argument) return error.Message;
        var text = argument.Message;
        int cut = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) text = text[..cut];
        if (argument is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            var value = actual is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : actual.ToString();
            if (!text.Contains(", not " + value, StringComparison.Ordinal)) text = text.TrimEnd('.') + $", not {value}.";
        }
        string? option = null;
        if (argument.ParamName is { } name && !(options?.TryGetValue(name, out option) ?? false)) DefaultOptions.TryGetValue(name, out option);
        return option is null ? text : $"{option}: {text}";
    }
}
