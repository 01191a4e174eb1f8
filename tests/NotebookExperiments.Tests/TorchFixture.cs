using System.Runtime.CompilerServices;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests;

internal static class TorchFixture
{
    /// <summary>Loads TorchSharp (with the native fix) before any test touches <c>torch</c>; two threads, as on CI.</summary>
    [ModuleInitializer]
    internal static void Initialise()
    {
        TorchRuntime.EnsureLoaded();
        TorchSharp.torch.set_num_threads(2);
    }
}
