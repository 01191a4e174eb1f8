using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Footnotes that say which ReinMax-CV a figure shows (ours, conditional and mean-zero, or one of the authors'), and what RF(M) costs.</summary>
public class EstimatorNotesTests
{
    [Fact]
    public void EachReinMaxCvVariantGetsTheNoteThatDescribesIt()
    {
        Assert.Equal([EstimatorNotes.ReinMaxCv], EstimatorNotes.For(["ReinMax", "ReinMax-CV"]));
        Assert.Equal([EstimatorNotes.ReinMaxCvAuthors], EstimatorNotes.For(["ReinMax-CV (authors' code)", "ReinMax-CV (authors' forward noise)"]));
        Assert.Equal([EstimatorNotes.ReinMaxCv, EstimatorNotes.ReinMaxCvAuthors], EstimatorNotes.For(["ReinMax-CV (authors' code)", "ReinMax-CV"]));
        Assert.Empty(EstimatorNotes.For(["ReinMax", "ZGR"]));
    }

    [Fact]
    public void RfMSaysItIsUnbiasedAndPaysWithMDecoderPasses()
    {
        Assert.Equal([EstimatorNotes.ReinforceLeaveOneOut], EstimatorNotes.For(["ZGR", "RF(4)"]));
        Assert.Equal([EstimatorNotes.ReinMaxCv, EstimatorNotes.ReinforceLeaveOneOut], EstimatorNotes.For(["RF(4)", "ReinMax-CV"]));
    }
}
