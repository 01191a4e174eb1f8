using Plotly.NET;

namespace NotebookExperiments.Charts;

/// <summary>How one data series is drawn and listed in the legend.</summary>
/// <param name="Name">The legend entry, e.g. the estimator's paper name.</param>
/// <param name="Color">Its colour as <c>#RRGGBB</c> (see <see cref="EstimatorPalette.ColorOf"/>).</param>
/// <param name="LegendGroup">Traces of one group are toggled together from the legend (the same series in several
/// panels, its band, its reference line); null uses <paramref name="Name"/>.</param>
/// <param name="ShowLegend">Whether this trace adds a legend entry (false for the copies of a series in later panels).</param>
/// <param name="Dash">Line dash; null is solid.</param>
public sealed record SeriesStyle(
    string Name,
    string Color,
    string? LegendGroup = null,
    bool ShowLegend = true,
    StyleParam.DrawingStyle? Dash = null)
{
    /// <summary>The style of an estimator: its palette colour, legend entry and group named by its title.</summary>
    /// <param name="title">The estimator's paper name.</param>
    public static SeriesStyle ForEstimator(string title) => new(title, EstimatorPalette.ColorOf(title));

    /// <summary>The legend group actually used: <see cref="LegendGroup"/>, or <see cref="Name"/> when none is set.</summary>
    public string Group => LegendGroup ?? Name;
}
