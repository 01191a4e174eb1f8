using NotebookExperiments.Estimators;

namespace NotebookExperiments.Analyses;

/// <summary>Names of estimators as the papers and charts print them.</summary>
public static class EstimatorTitles
{
    /// <summary>
    /// The catalogue title of a spec, with K spelled out for Gumbel-Rao (<c>gr-mc:k=100</c> → <c>GR-MC100</c>) and the gap for
    /// GST (<c>gst:gap=1</c> → <c>GST-1.0</c>).
    /// </summary>
    public static string Of(string spec, EstimatorCatalog? catalog = null)
    {
        var estimator = (catalog ?? EstimatorCatalog.Default).Create(spec);
        return estimator switch
        {
            GumbelRao gr => $"GR-MC{gr.K}",
            GappedStraightThrough gst => $"GST-{gst.Gap:0.0#}",
            _ => (catalog ?? EstimatorCatalog.Default).Find(EstimatorSpec.Parse(spec).Name).Title,
        };
    }
}
