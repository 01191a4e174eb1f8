using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public class LibTorchPreloadTests
{
    /// <summary>Debian's libtorch-dev (LibTorch 1.13), which TorchSharp must never bind in place of its own.</summary>
    private const string SystemLibTorch = "/usr/lib/x86_64-linux-gnu/libtorch_cpu.so";

    [Fact]
    public void TheOwnLibTorchIsFoundNextToTorchSharpInABuildOutput()
    {
        if (!OperatingSystem.IsLinux()) return;
        var folder = LibTorchPreload.FindFolder();

        Assert.NotNull(folder);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"), folder);
    }

    /// <remarks>Meaningful where a system LibTorch is installed: CI installs Debian's libtorch-dev for it.</remarks>
    [Fact]
    public void OnlyTheOwnLibTorchIsMappedEvenWithASystemOneInstalled()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The test assembly loaded TorchSharp through TorchRuntime (its module initializer) and computed with it.
        Assert.Equal(3f, TorchSharp.torch.ones(3).sum().item<float>());

        Assert.Empty(LibTorchPreload.ForeignLibTorchInProcess());
        var mapped = File.ReadLines("/proc/self/maps").Where(l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)).Select(l => l[l.IndexOf('/')..]).Distinct().ToList();
        Assert.Equal([Path.Combine(LibTorchPreload.FindFolder()!, "libtorch_cpu.so")], mapped);
        Assert.DoesNotContain(SystemLibTorch, mapped);
    }
}
