using System.Runtime.InteropServices;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public class HeapTuningTests
{
    [Fact]
    public void AppliesOnLinuxUnlessTheUserChoseOtherwise()
    {
        var reason = HeapTuning.ReasonNotToApply();
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Assert.Equal("not Linux", reason);
            Assert.False(HeapTuning.Apply());
            return;
        }
        // glibc on every machine this project supports; a user's MALLOC_* variable or NOTEBOOK_EXPERIMENTS_HEAP=default
        // takes precedence.
        Assert.Equal(reason is null, HeapTuning.Apply());
    }
}
