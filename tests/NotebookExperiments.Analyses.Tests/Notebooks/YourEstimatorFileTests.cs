using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Data;
using NotebookExperiments.Notebooks;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// <c>notebooks/your-estimator.csx</c>, the estimator that notebooks 04 and 05 share: both load it after their packages cell and
/// name it only through it (what the notebooks then do with it: <see cref="AnalysisNotebookTests"/>).
/// </summary>
public sealed class YourEstimatorFileTests
{
    private static string NotebooksDirectory => Path.Combine(RepositoryRoot.Find()!, "notebooks");

    [Theory]
    [InlineData("04-your-own-estimator.ipynb")]
    [InlineData("05-elbo-table.ipynb")]
    public void TheNotebookLoadsTheSharedFileAfterItsPackagesAndDefinesNoRuleOfItsOwn(string name)
    {
        var code = NotebookFile.Read(Path.Combine(NotebooksDirectory, name)).Elements.Where(c => !c.IsMarkdown).Select(c => c.Contents).ToList();
        int packages = code.FindIndex(c => c.Contains("#r \"nuget:", StringComparison.Ordinal));
        int load = code.FindIndex(c => c.Contains("#load \"your-estimator.csx\"", StringComparison.Ordinal));
        Assert.True(packages >= 0 && load > packages, $"packages in code cell {packages}, the file loaded in code cell {load}");
        Assert.DoesNotContain(code, c => c.Contains("BackwardRuleEstimator", StringComparison.Ordinal)
            || c.Contains("\"tempered-zgr", StringComparison.Ordinal) || c.Contains("(yours)", StringComparison.Ordinal));
    }
}
