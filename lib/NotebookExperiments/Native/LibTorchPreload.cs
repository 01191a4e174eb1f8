using System.Runtime.InteropServices;
using TorchSharp;

namespace NotebookExperiments.Native;

/// <summary>
/// Loads TorchSharp's own LibTorch (<c>libc10.so</c>, <c>libtorch_cpu.so</c>, <c>libtorch.so</c>) by absolute path before
/// TorchSharp initialises, so that a system LibTorch on the loader's path is never bound in its place.
/// </summary>
/// <remarks>
/// <para>Why: TorchSharp first asks the loader for <c>torch_cpu</c> by name. Next to a build output the runtime finds the
/// package's copy, but in a notebook kernel (TorchSharp.dll in the NuGet package folder) the name goes to the system loader,
/// which finds a system <c>libtorch_cpu.so</c> where one is installed (Debian's <c>libtorch-dev</c>, pulled in by
/// <c>python3-torch</c>: LibTorch 1.13) and TorchSharp 0.107.0 then fails against that older library. The loader matches a
/// later request by name against the sonames of libraries already loaded, so loading the package's files first by their full
/// paths makes every later request, TorchSharp's included, get them.</para>
/// <para>Where the files are looked for, first found wins: next to TorchSharp.dll in a build output
/// (<c>runtimes/linux-x64/native/</c>), in the folder TorchSharp consolidates for notebooks (<c>cpu/</c> next to TorchSharp.dll),
/// and in the NuGet package folder (<c>libtorch-cpu-linux-x64/VERSION/runtimes/linux-x64/native/</c>, VERSION the one
/// TorchSharp was built against). Linux and the CPU backend only; the CUDA backend is left to TorchSharp.</para>
/// </remarks>
public static class LibTorchPreload
{
    /// <summary>
    /// The LibTorch version TorchSharp 0.107.0 is built against (its <c>libtorch-cpu-linux-x64</c> dependency). A constant, because
    /// asking TorchSharp (<c>torch.__version__</c>) would load the native libraries this class must load first.
    /// </summary>
    public const string LibTorchVersion = "2.10.0";

    /// <summary>The libraries loaded, in dependency order.</summary>
    public static readonly string[] Libraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>The folders where the package's LibTorch may be, in the order they are tried (existing or not).</summary>
    public static IReadOnlyList<string> CandidateFolders()
    {
        var dir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(dir)) return [];
        List<string> candidates = [Path.Combine(dir, "runtimes", "linux-x64", "native"), Path.Combine(dir, "cpu")];
        // TorchSharp.dll in a NuGet package folder: PACKAGES/torchsharp/VERSION/lib/TFM/TorchSharp.dll.
        var packages = Path.GetFullPath(Path.Combine(dir, "..", "..", "..", ".."));
        var libTorchPackage = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (Directory.Exists(libTorchPackage))
        {
            candidates.AddRange(Directory.GetDirectories(libTorchPackage)
                .OrderByDescending(v => Path.GetFileName(v) == LibTorchVersion)
                .ThenByDescending(v => Version.TryParse(Path.GetFileName(v), out var version) ? version : new Version())
                .Select(v => Path.Combine(v, "runtimes", "linux-x64", "native")));
        }
        return candidates;
    }

    /// <summary>The first of <see cref="CandidateFolders"/> that holds all of <see cref="Libraries"/>, or null.</summary>
    public static string? FindFolder() =>
        CandidateFolders().FirstOrDefault(d => Libraries.All(l => File.Exists(Path.Combine(d, l))));

    /// <summary>
    /// Loads the libraries from <see cref="FindFolder"/> on Linux; nothing elsewhere or when no folder holds them
    /// (TorchSharp's own error then says what is missing).
    /// </summary>
    /// <returns>The folder loaded from, or null when nothing was loaded.</returns>
    /// <exception cref="DllNotFoundException">A library was found but the loader refused it.</exception>
    public static string? Load()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        var folder = FindFolder();
        if (folder is null) return null;
        foreach (var library in Libraries) NativeLibrary.Load(Path.Combine(folder, library));
        return folder;
    }

    /// <summary>
    /// The LibTorch files mapped into this process that come from outside TorchSharp's packages (a system LibTorch), read from
    /// <c>/proc/self/maps</c>; empty when there are none or the maps cannot be read.
    /// </summary>
    public static IReadOnlyList<string> ForeignLibTorchInProcess()
    {
        try
        {
            if (!File.Exists("/proc/self/maps")) return [];
            var own = CandidateFolders().Select(Path.GetFullPath).ToList();
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/') is var i and >= 0 ? line[i..] : null)
                .OfType<string>()
                .Where(path => Path.GetFileName(path).StartsWith("libtorch_cpu.so", StringComparison.Ordinal)
                               || Path.GetFileName(path).StartsWith("libc10.so", StringComparison.Ordinal))
                .Where(path => !own.Any(folder => path.StartsWith(folder + "/", StringComparison.Ordinal)))
                .Distinct()
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
