using NotebookExperiments.Analyses;

namespace NotebookExperiments.Tests.Analyses.Running;

/// <summary>The steps a plan's warm-up times: from the first step with nothing compiled after the warm-up steps, the fastest of them.</summary>
public sealed class StepSelectionTests
{
    /// <summary>Feeds steps (seconds, whether nothing was compiled, warm-up seconds at their end) until the selection is done.</summary>
    private static (StepSelection Selection, int Used) Run(params (double Seconds, bool Quiet, double WarmUp)[] steps)
    {
        var selection = new StepSelection();
        int used = 0;
        foreach (var (seconds, quiet, warmUp) in steps)
        {
            if (selection.Done) break;
            selection.Add(seconds, quiet, warmUp);
            used++;
        }
        Assert.True(selection.Done, "the steps given did not finish the timing");
        return (selection, used);
    }

    [Fact]
    public void TheWarmUpStepsAreNeverTimedEvenWhenNothingWasCompiled()
    {
        // The first two steps are the slowest and compiled nothing: still left out.
        var (selection, used) = Run((9.0, true, 0.1), (8.0, true, 0.2), (0.5, true, 0.3), (0.6, true, 0.4), (0.7, true, 0.5));
        Assert.Equal(5, used);
        Assert.Equal(0.5, selection.Fastest);
        Assert.Equal(0.6 / 0.5, selection.Spread, 12);
    }

    [Fact]
    public void TheTimingStartsAtTheFirstStepAfterTheWarmUpInWhichNothingWasCompiled()
    {
        // Steps 3 and 4 compiled (and were fast by chance): they are not timed; the timing starts at step 5 and takes 5, 6, 7.
        var (selection, used) = Run((3.0, false, 1), (2.0, false, 1.2), (0.1, false, 1.3), (0.2, false, 1.4), (0.9, true, 1.5), (0.8, false, 1.6),
            (1.0, false, 1.7), (0.05, true, 1.8));
        Assert.Equal(7, used);
        Assert.Equal(0.8, selection.Fastest);
        Assert.Equal(0.9 / 0.8, selection.Spread, 12);
    }

    [Fact]
    public void AWarmUpThatAlwaysCompilesTimesTheStepsOnceItHasLastedItsLongest()
    {
        var steps = Enumerable.Range(1, 10).Select(i => (Seconds: 0.5 + 0.1 * i, Quiet: false, WarmUp: 0.8 * i)).ToArray();
        var (selection, used) = Run(steps);
        // Step 4 ends at 3.2 s, the first at or beyond the 3 s limit: steps 4, 5 and 6 are timed.
        Assert.Equal(6, used);
        Assert.Equal(0.9, selection.Fastest, 12);
        Assert.Equal(1.0 / 0.9, selection.Spread, 12);
    }

    [Fact]
    public void AStepSlowedAloneDoesNotMakeTheTimingUnsteadyButMostStepsSlowedDo()
    {
        var (one, _) = Run((1, true, 0), (1, true, 0), (0.1, true, 0), (0.5, true, 0), (0.1, true, 0));
        Assert.Equal(0.1, one.Fastest);
        Assert.Equal(1.0, one.Spread, 12);
        var (most, _) = Run((1, true, 0), (1, true, 0), (0.1, true, 0), (0.5, true, 0), (0.4, true, 0));
        Assert.Equal(4.0, most.Spread, 12);
        Assert.True(most.Spread > WarmUpLoad.UnsteadySpread);
    }

    [Fact]
    public void NoTimeIsGivenBeforeTheTimingHasFinishedAndNoStepIsTakenAfterIt()
    {
        var selection = new StepSelection();
        selection.Add(1, true, 0);
        Assert.False(selection.Done);
        Assert.Throws<InvalidOperationException>(() => selection.Fastest);
        var (done, _) = Run((1, true, 0), (1, true, 0), (1, true, 0), (1, true, 0), (1, true, 0));
        Assert.Throws<InvalidOperationException>(() => done.Add(1, true, 0));
    }
}
