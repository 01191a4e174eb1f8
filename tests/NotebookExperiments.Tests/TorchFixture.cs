using System.Runtime.CompilerServices;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests;

internal static class TorchFixture
{
    /// <summary>
    /// Loads TorchSharp (with the native fix) before any test touches <c>torch</c>, with two threads alone, as on CI, shared with the
    /// other runs on the machine (the other test assembly, which <c>dotnet test</c> runs at the same time) so that the two never spin
    /// against each other (<see cref="TorchThreads"/>). Numbers do not depend on the share: the sums whose last digit depends on
    /// the thread count run with the count alone, two.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialise()
    {
        TorchRuntime.EnsureLoaded();
        TorchThreads.ShareWith(2);
    }
}
