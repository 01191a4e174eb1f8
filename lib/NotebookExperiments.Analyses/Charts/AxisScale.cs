namespace NotebookExperiments.Charts;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Equal distances for equal differences.</summary>
    Linear,

    /// <summary>Equal distances for equal ratios; only positive values are drawn.</summary>
    Log,
}
