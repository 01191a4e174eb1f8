using System.Diagnostics;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public sealed class ShardSiblingsTests
{
    [Fact]
    public void TheChildrenOfAProcessAreTheProcessesItStarted()
    {
        if (!OperatingSystem.IsLinux()) return;   // read from /proc
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.Contains(child.Id, ShardSiblings.ChildrenOf(Environment.ProcessId));
            Assert.DoesNotContain(Environment.ProcessId, ShardSiblings.ChildrenOf(Environment.ProcessId));
            Assert.Empty(ShardSiblings.ChildrenOf(child.Id));
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void AProcessThatIsNoShardHasNoSiblings()
    {
        Assert.Null(Environment.GetEnvironmentVariable(ShardSiblings.ParentVariable));   // the test host is started by no --jobs parent
        Assert.Empty(ShardSiblings.ProcessIds());
    }
}
