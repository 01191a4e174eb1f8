namespace NotebookExperiments.Charts;

/// <summary>Where a figure's legend goes.</summary>
public enum LegendPlacement
{
    /// <summary>A vertical list right of the plots (Plotly's default).</summary>
    Right,

    /// <summary>A horizontal list centred below the plots (for wide figures of several panels).</summary>
    Below,
}
