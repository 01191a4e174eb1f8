using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public class ThreadPolicyTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void WithoutVariablesTheCoresAreSharedWithEveryCoreAsTheCountAlone()
    {
        var policy = ThreadPolicy.FromEnvironment(Environment(), cores: 6);
        Assert.Equal(ThreadPolicy.Shared(6), policy);
        Assert.False(policy.IsFixed);
    }

    [Fact]
    public void OmpNumThreadsFixesTheCountAndWinsOverTheParentOfJobs()
    {
        var policy = ThreadPolicy.FromEnvironment(Environment(("OMP_NUM_THREADS", "3,1"), (ThreadPolicy.SharedThreadsVariable, "1")), cores: 6);
        Assert.Equal(3, policy.FixedThreads);
        Assert.Equal(3, policy.NominalThreads);
        Assert.Equal("OMP_NUM_THREADS=3,1", policy.Source);
    }

    [Fact]
    public void TheParentOfJobsGivesTheCountAloneOfEachShard()
    {
        var policy = ThreadPolicy.FromEnvironment(Environment((ThreadPolicy.SharedThreadsVariable, "2")), cores: 8);
        Assert.Equal(ThreadPolicy.Shared(2), policy);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("")]
    public void AnUnreadableOmpNumThreadsIsIgnoredAsOpenMpIgnoresIt(string value) =>
        Assert.Equal(ThreadPolicy.Shared(4), ThreadPolicy.FromEnvironment(Environment(("OMP_NUM_THREADS", value)), cores: 4));

    [Fact]
    public void ACountSetByTheUserIsOneThatNeitherTheShareNorAllCoresExplain()
    {
        // A notebook's set_num_threads(Environment.ProcessorCount) is the count alone, not a choice.
        Assert.False(TorchThreads.IsSetByUser(current: 4, appliedHere: 2, appliedAnywhere: 2, nominal: 4));
        // The share set 1 on this thread, or on another (a new thread starts with the last count set anywhere).
        Assert.False(TorchThreads.IsSetByUser(1, 1, 2, 4));
        Assert.False(TorchThreads.IsSetByUser(1, 0, 1, 4));
        // A notebook's threads = 3.
        Assert.True(TorchThreads.IsSetByUser(3, 2, 2, 4));
    }
}
