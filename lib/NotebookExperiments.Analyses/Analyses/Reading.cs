using NotebookExperiments.Display;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What an analysis's results show, in sentences computed from those results alone: each sentence states a number or a
/// comparison together with its noise (a standard error over seeds, a Monte-Carlo error, or a plain statement that the budget
/// cannot resolve it). The command line prints a reading after the tables (the analysis's notes) and a notebook prints the
/// same sentences with <c>BiasVarianceReading.Of(result)</c>, <c>TemperatureReading.Of(result)</c>,
/// <c>ElboTableReading.Of(result, parameters)</c> or <c>BetaSweepReading.Of(result, parameters, data)</c>; nothing in a reading
/// is written by hand, so it is true of the run it reads, on whatever machine ran it.
/// </summary>
/// <remarks>A notebook shows a reading as a short list under the heading "What this run shows" (<see cref="ToHtml"/>).</remarks>
/// <param name="Sentences">The sentences, each complete in itself, in the order to read them.</param>
[TypeFormatterSource(typeof(HtmlTextFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record Reading(IReadOnlyList<string> Sentences) : IHtmlDisplay
{
    /// <summary>The heading of a reading in a notebook.</summary>
    public const string Heading = "What this run shows";

    /// <summary>The sentences as an HTML list under <see cref="Heading"/>, each sentence's markup characters encoded (and nothing
    /// else, so that ±, τ and ≈ stay readable in the notebook's source).</summary>
    public string ToHtml() =>
        $"<div class=\"reading\"><b>{Heading}</b><ul>" + string.Concat(Sentences.Select(s => $"<li>{HtmlText.Encode(s)}</li>")) + "</ul></div>";

    /// <summary>The sentences, one per line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Sentences);
}
