using NotebookExperiments.Analyses;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The notebooks' progress bar: running, it counts work and estimates the time left; finished, it says so.</summary>
public class ProgressViewTests
{
    [Fact]
    public void ARunningStateShowsTheWorkDoneAndTheTimeLeft()
    {
        var html = ProgressView.Render(new AnalysisProgress("beta-sweep", 3, 16, "8x4: epoch 2/18", 0, 2_000, 8_000), 75, TimeSpan.FromSeconds(225));
        Assert.Contains("3/16 units, 25 % of 8,000 member-steps, 00:01:15 elapsed, about 3 min 45 s left", html, StringComparison.Ordinal);
        Assert.Contains("<progress value=\"0.25\"", html, StringComparison.Ordinal);
        Assert.Contains("8x4: epoch 2/18", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AFinishedStateSaysItFinishedWithItsUnitsAndTime()
    {
        var html = ProgressView.Render(new AnalysisProgress("elbo-table", 32, 32, "done", 0, 9_600, 9_600), 86);
        Assert.Contains("finished: 32/32 units, 9,600 member-steps in 1 min 26 s", html, StringComparison.Ordinal);
        Assert.Contains("<progress value=\"1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("left", html, StringComparison.Ordinal);
        // Units found in the result store leave work uncounted: the units and the time still say it finished.
        var found = ProgressView.Render(new AnalysisProgress("batch-size view", 1, 1, "done", 0, 100, 400), 5);
        Assert.Contains("finished: 1/1 units in 5 s", found, StringComparison.Ordinal);
        Assert.Contains("<progress value=\"1\"", found, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLastReportAlwaysShowsAndThoseInBetweenAreThrottled()
    {
        var shown = new List<string>();
        var view = new ProgressView(shown.Add, minimumSeconds: 3600);
        view.Report(new AnalysisProgress("a", 0, 2, "first", 0, 0, 10));
        view.Report(new AnalysisProgress("a", 1, 2, "second", 0, 5, 10));
        view.Report(new AnalysisProgress("a", 2, 2, "last", 0, 10, 10));
        Assert.Equal(2, shown.Count);
        Assert.Contains("finished: 2/2 units, 10 member-steps in", shown[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherAnalysisOnTheSameBarStartsItsOwnClock()
    {
        var shown = new List<string>();
        var view = new ProgressView(shown.Add, minimumSeconds: 0);
        view.Report(new AnalysisProgress("temperature-study", 5, 5, "done", 0, 10, 10));
        Thread.Sleep(1100);
        view.Report(new AnalysisProgress("batch-size view", 0, 1, "estimates", 0, 0, 10));
        view.Report(new AnalysisProgress("batch-size view", 1, 1, "done", 0, 10, 10));
        Assert.Contains("00:00:00 elapsed", shown[1], StringComparison.Ordinal);
        Assert.Contains("finished: 1/1 units, 10 member-steps in 0 s", shown[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.4, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(86, "1 min 26 s")]
    [InlineData(7_500, "2 h 05 min")]
    public void DurationsReadAsWords(double seconds, string expected) => Assert.Equal(expected, ProgressView.Duration(seconds));
}
