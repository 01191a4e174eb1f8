using System.Runtime.InteropServices;

namespace NotebookExperiments.Native;

/// <summary>
/// Keeps glibc's allocator from returning LibTorch's freed tensor memory to the kernel between training steps, so the next
/// step's tensors do not page-fault in again.
/// </summary>
/// <remarks>
/// <para>A training step allocates and frees the same few-megabyte tensors every time (the 29-member ensemble: activations
/// of 6–9 MB each). With glibc's defaults, blocks above the dynamic mmap threshold are mapped and unmapped per allocation,
/// and the top of the heap is trimmed once more than twice that threshold is free, so every step touches fresh pages:
/// measured here on 120 steps of 29-member ensembles, 2.0–2.4 M minor page faults against 0.8–0.9 M with the settings below
/// (most of those the models' own first touch), and 5–7 % less time per step.</para>
/// <para>The settings (<c>mallopt</c>): mmap threshold 32 MiB (glibc's largest), trim threshold 512 MiB, top pad 64 MiB. Freed
/// memory up to the trim threshold stays with the process for reuse, so its resident size stays near its peak. They are
/// applied once per process, on Linux with glibc only, and not when the user has set any of glibc's <c>MALLOC_*</c>
/// variables (or <c>NOTEBOOK_EXPERIMENTS_HEAP=default</c>), which then decide.</para>
/// <para>They change the whole process, so the library never applies them by itself: an executable opts in by calling
/// <see cref="Apply"/> at start-up (the command line and the benchmarks do; a notebook or a researcher's own program that
/// references the library keeps glibc's defaults unless it calls it).</para>
/// </remarks>
internal static partial class HeapTuning
{
    private const int MmapThresholdOption = -3, TrimThresholdOption = -1, TopPadOption = -2;

    /// <summary>The mmap threshold set, 32 MiB.</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>The trim threshold set, 512 MiB.</summary>
    public const int TrimThreshold = 512 << 20;

    /// <summary>The top pad set, 64 MiB.</summary>
    public const int TopPad = 64 << 20;

    private static readonly Lazy<bool> Applied = new(ApplyOnce);

    /// <summary>Applies the settings once per process where they apply; true when they are in effect.</summary>
    public static bool Apply() => Applied.Value;

    /// <summary>Why the settings are not applied, or null when they apply: another OS or C library, or the user's choice.</summary>
    public static string? ReasonNotToApply()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return "not Linux";
        if (string.Equals(Environment.GetEnvironmentVariable("NOTEBOOK_EXPERIMENTS_HEAP"), "default", StringComparison.OrdinalIgnoreCase))
            return "NOTEBOOK_EXPERIMENTS_HEAP=default";
        foreach (var name in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES" })
            if (Environment.GetEnvironmentVariable(name) is not null) return name + " is set";
        return null;
    }

    private static bool ApplyOnce()
    {
        if (ReasonNotToApply() is not null) return false;
        try
        {
            return mallopt(MmapThresholdOption, MmapThreshold) == 1
                && mallopt(TrimThresholdOption, TrimThreshold) == 1
                && mallopt(TopPadOption, TopPad) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // not glibc
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int option, int value);
}
