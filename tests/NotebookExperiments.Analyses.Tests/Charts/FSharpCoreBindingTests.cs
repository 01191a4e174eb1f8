using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Tests.Charts;

public class FSharpCoreBindingTests
{
    private static readonly Version Loaded = typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly.GetName().Version!;

    [Fact]
    public void ARequestForANewerFSharpCoreOfTheSameMajorGetsTheLoadedOne()
    {
        // As in the notebook kernel, which has FSharp.Core 10.0 loaded when Plotly.NET asks for 10.1: a version the runtime
        // cannot find is answered by the handler the library's module initializer installed.
        RuntimeHelpers.RunModuleConstructor(typeof(FSharpCoreBinding).Module.ModuleHandle);
        var newer = new AssemblyName($"FSharp.Core, Version={Loaded.Major}.{Loaded.Minor + 7}.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");

        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(newer);

        Assert.Same(typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly, assembly);
    }

    [Fact]
    public void OnlyFSharpCoreOfTheSameMajorVersionIsAnswered()
    {
        Assert.Same(typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly, FSharpCoreBinding.FindLoaded(new AssemblyName($"FSharp.Core, Version={Loaded.Major}.99.0.0")));
        Assert.Null(FSharpCoreBinding.FindLoaded(new AssemblyName($"FSharp.Core, Version={Loaded.Major + 1}.0.0.0")));
        Assert.Null(FSharpCoreBinding.FindLoaded(new AssemblyName($"FSharp.Core, Version={Loaded.Major - 1}.0.0.0")));
        Assert.Null(FSharpCoreBinding.FindLoaded(new AssemblyName("Plotly.NET, Version=6.0.0.0")));
    }
}
