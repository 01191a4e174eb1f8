namespace NotebookExperiments.Charts;

/// <summary>What a legend key (<see cref="ChartTraces.LegendKey"/>) shows.</summary>
public enum LegendKeyKind
{
    /// <summary>A shaded band (e.g. ± 1 standard error).</summary>
    Band,

    /// <summary>A marker (e.g. published diamonds).</summary>
    Marker,

    /// <summary>A line (e.g. a dotted reference line).</summary>
    Line,

    /// <summary>A line with markers (e.g. published points joined by a dotted line).</summary>
    LineWithMarkers,
}
