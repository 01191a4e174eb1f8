using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookExperiments.Native;

/// <summary>
/// Loads TorchSharp's native libraries, applying the GLIBCXX_3.4.32 fix (<see cref="LibTorchSharpPatch"/>)
/// first where the system needs it, sets LibTorch's threads (<see cref="TorchThreads"/>), and picks the compute device.
/// </summary>
/// <remarks>
/// Call <see cref="EnsureLoaded"/> before the first use of <c>torch</c> in a process (the command line and the
/// test assembly do; a notebook does it in its first cell). TorchSharp's static constructor loads the native
/// library once: if that fails, every later use fails with the same exception, so the fix must come first.
/// When loading still fails, the exception says what is really missing instead of TorchSharp's message about a
/// package reference.
/// </remarks>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool _loaded;

    /// <summary>Whether <see cref="EnsureLoaded"/> has loaded the native libraries in this process.</summary>
    public static bool IsLoaded => _loaded;

    /// <summary>
    /// Applies the native fix where needed, loads the package's own LibTorch by absolute path (<see cref="LibTorchPreload"/>, so
    /// that a system LibTorch is not bound in its place), loads TorchSharp's CPU backend and sets the thread count before anything
    /// computes: the user's (<c>OMP_NUM_THREADS</c>, or <see cref="TorchThreads.Use"/> later), else all cores, which the first
    /// computation shares with the other runs on the machine (<see cref="TorchThreads"/>). Cheap after the first call.
    /// Nothing else in the process changes: a program that wants glibc's allocator tuned for training (<see cref="HeapTuning"/>)
    /// calls <see cref="HeapTuning.Apply"/> itself, as the command line and the benchmarks do.
    /// </summary>
    /// <exception cref="TorchNativeLoadException">The native libraries cannot be loaded; the message names the cause and the fix.</exception>
    public static void EnsureLoaded()
    {
        if (_loaded) return;
        lock (Gate)
        {
            if (_loaded) return;
            var patched = PatchLoadableCopies();
            try
            {
                LibTorchPreload.Load();
                InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or InvalidOperationException)
            {
                throw new TorchNativeLoadException(Diagnose(patched), e);
            }
            _loaded = true;
            TorchThreads.Initialise();
        }
    }

    /// <summary>
    /// The copies of libLibTorchSharp.so that TorchSharp may load in this process: next to TorchSharp.dll in a build
    /// output (<c>runtimes/linux-x64/native/</c> and the consolidated <c>cpu/</c> folder TorchSharp makes), and in the
    /// NuGet package layout (<c>torchsharp/VERSION/runtimes/linux-x64/native/</c>) used by notebooks.
    /// </summary>
    public static IReadOnlyList<string> LoadableCopies()
    {
        var dir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(dir)) return [];
        string[] candidates =
        [
            Path.Combine(dir, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(dir, "cpu", "libLibTorchSharp.so"),
            Path.GetFullPath(Path.Combine(dir, "..", "..", "runtimes", "linux-x64", "native", "libLibTorchSharp.so")),
        ];
        return candidates.Where(File.Exists).Distinct().ToList();
    }

    /// <summary>Applies the fix to <see cref="LoadableCopies"/> when on Linux and the system libstdc++ lacks the version.</summary>
    /// <returns>The files that the fix left weak (patched now or before).</returns>
    public static IReadOnlyList<string> PatchLoadableCopies()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !LibTorchSharpPatch.SystemLacksVersion()) return [];
        var done = new List<string>();
        foreach (var file in LoadableCopies())
        {
            try
            {
                if (LibTorchSharpPatch.Apply(file) != PatchOutcome.Missing) done.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only package folder: the diagnosis below says what to do if loading then fails.
            }
        }
        return done;
    }

    /// <summary>
    /// Resolves a device name: <c>cpu</c>, <c>cuda</c> (an error when CUDA is not available) or <c>auto</c>
    /// (CUDA when available, else CPU).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, or <c>cuda</c> without a CUDA device and backend.</exception>
    public static Device ResolveDevice(string name)
    {
        EnsureLoaded();
        return name.Trim().ToLowerInvariant() switch
        {
            "cpu" => CPU,
            "cuda" => CudaAvailable() ? CUDA : throw new ArgumentException(
                "--device cuda: no CUDA device is available to TorchSharp. Build with -p:TorchBackend=cuda on a machine " +
                "with an NVIDIA GPU and driver, or use --device cpu|auto."),
            "auto" => CudaAvailable() ? CUDA : CPU,
            _ => throw new ArgumentException($"Unknown device '{name}'. Accepted: cpu, cuda, auto."),
        };
    }

    private static bool CudaAvailable()
    {
        try { return cuda.is_available(); }
        catch (Exception) { return false; }
    }

    private static string Diagnose(IReadOnlyList<string> patched)
    {
        var lines = new List<string> { "TorchSharp's native libraries could not be loaded." };
        var foreign = LibTorchPreload.ForeignLibTorchInProcess();
        if (foreign.Count > 0)
        {
            lines.Add($"Cause: this process loaded a LibTorch from outside TorchSharp's packages ({string.Join(", ", foreign)}; on Debian " +
                      $"that is the libtorch-dev package), which TorchSharp 0.107.0 cannot use: it needs its own LibTorch {LibTorchPreload.LibTorchVersion}. " +
                      "Restart the process (in a notebook: the kernel) so that the library loads its own copy first, or remove the system package.");
            return string.Join(Environment.NewLine, lines);
        }
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            var copies = LoadableCopies();
            bool lacks = LibTorchSharpPatch.SystemLacksVersion();
            if (copies.Count == 0)
            {
                lines.Add("No libLibTorchSharp.so was found next to TorchSharp.dll: the native backend package is not referenced. " +
                          "Reference TorchSharp-cpu (or build this repository, which adds libtorch-cpu-linux-x64).");
            }
            else if (lacks)
            {
                var strong = copies.Where(c => { try { return !LibTorchSharpPatch.IsWeak(c); } catch { return true; } }).ToList();
                lines.Add($"Cause: the system libstdc++ ({LibTorchSharpPatch.FindSystemLibStdCxx()}) lacks {LibTorchSharpPatch.MissingVersion}, " +
                          "which TorchSharp 0.107.0's libLibTorchSharp.so asks for (GCC 12 systems such as Debian 12 and Ubuntu 22.04).");
                lines.Add(strong.Count > 0
                    ? "Fix: these copies still need the fix and could not be patched (read-only?): " + string.Join(", ", strong) +
                      ". Run `dotnet build` of this repository as a user who can write them, or make them writable, then restart the process."
                    : "The copies were fixed (" + string.Join(", ", patched) + "), but this process tried to load TorchSharp before the fix; restart the process (in a notebook: restart the kernel).");
            }
            else
            {
                lines.Add("The system libstdc++ provides " + LibTorchSharpPatch.MissingVersion + ", so the usual cause does not apply. " +
                          "Run `ldd` on " + copies[0] + " to see which dependency is missing.");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>TorchSharp's native libraries failed to load; the message names the cause and the fix.</summary>
public sealed class TorchNativeLoadException(string message, Exception inner) : Exception(message, inner);
