using System.Runtime.InteropServices;
using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

/// <summary>The GLIBCXX_3.4.32 fix: finds the version need, makes it weak, idempotently, and refuses what is not ELF.</summary>
public sealed class LibTorchSharpPatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("patch-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string LoadedCopy()
    {
        Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "These tests read the Linux build of libLibTorchSharp.so.");
        return Assert.Single(TorchRuntime.LoadableCopies().Take(1));
    }

    [Fact]
    public void TheShippedLibraryNeedsTheVersionOnce()
    {
        var needs = LibTorchSharpPatch.FindVersionNeeds(File.ReadAllBytes(LoadedCopy()), LibTorchSharpPatch.MissingVersion);
        Assert.Single(needs);
    }

    [Fact]
    public void ApplyMakesAStrongNeedWeakWithATwoByteChangeAndIsIdempotent()
    {
        var bytes = UnpatchedLibrary();
        var need = Assert.Single(LibTorchSharpPatch.FindVersionNeeds(bytes, LibTorchSharpPatch.MissingVersion));
        var path = Path.Combine(_dir, "libLibTorchSharp.so");
        File.WriteAllBytes(path, bytes);
        Assert.False(LibTorchSharpPatch.IsWeak(path));

        Assert.Equal(PatchOutcome.Patched, LibTorchSharpPatch.Apply(path));
        Assert.True(LibTorchSharpPatch.IsWeak(path));
        var patched = File.ReadAllBytes(path);
        var changed = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != patched[i]).ToList();
        Assert.All(changed, i => Assert.InRange(i, need.Key, need.Key + 1));
        Assert.NotEmpty(changed);

        Assert.Equal(PatchOutcome.AlreadyPatched, LibTorchSharpPatch.Apply(path));
        Assert.Equal(patched, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_dir, "*.patch-*"));
    }

    [Fact]
    public void LibrariesWithoutTheNeedAndMissingFilesAreLeftAlone()
    {
        var libc10 = Directory.GetFiles(Path.GetDirectoryName(LoadedCopy())!, "libc10.so").FirstOrDefault()
            ?? Directory.GetFiles(AppContext.BaseDirectory, "libc10.so", SearchOption.AllDirectories).First();
        Assert.Equal(PatchOutcome.NotNeeded, LibTorchSharpPatch.Apply(libc10));
        Assert.Equal(PatchOutcome.Missing, LibTorchSharpPatch.Apply(Path.Combine(_dir, "absent.so")));
    }

    [Fact]
    public void NonElfAndTruncatedFilesAreRejected()
    {
        var text = Path.Combine(_dir, "text.so");
        File.WriteAllText(text, "not a shared library");
        Assert.Throws<InvalidDataException>(() => LibTorchSharpPatch.Apply(text));

        var truncated = Path.Combine(_dir, "truncated.so");
        File.WriteAllBytes(truncated, File.ReadAllBytes(LoadedCopy()).AsSpan(0, 4096).ToArray());
        Assert.Throws<InvalidDataException>(() => LibTorchSharpPatch.Apply(truncated));
    }

    [Fact]
    public void DetectsWhetherALibStdCxxDefinesTheVersion()
    {
        var with = Path.Combine(_dir, "with.so");
        File.WriteAllBytes(with, [0, 1, .. "GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"u8.ToArray(), 2]);
        var without = Path.Combine(_dir, "without.so");
        File.WriteAllBytes(without, [0, 1, .. "GLIBCXX_3.4.30\0GLIBCXX_3.4.31\0"u8.ToArray(), 2]);
        Assert.False(LibTorchSharpPatch.SystemLacksVersion(with));
        Assert.True(LibTorchSharpPatch.SystemLacksVersion(without));
    }

    /// <summary>The shipped library as TorchSharp's package holds it: the loaded copy with its need made strong again.</summary>
    private static byte[] UnpatchedLibrary()
    {
        var bytes = File.ReadAllBytes(LoadedCopy());
        var need = Assert.Single(LibTorchSharpPatch.FindVersionNeeds(bytes, LibTorchSharpPatch.MissingVersion));
        ushort strong = (ushort)(need.Value & ~2);
        bytes[need.Key] = (byte)(strong & 0xff);
        bytes[need.Key + 1] = (byte)(strong >> 8);
        return bytes;
    }

    /// <summary>
    /// Runs build/TorchBackend.targets' patch target as a build of a project would, in a folder of its own: the package root comes
    /// from NUGET_PACKAGES as NuGet's generated properties take it (<c>$(NuGetPackageRoot)</c> is that value, with no trailing
    /// slash when the variable has none), the output folder is <c>out/</c>.
    /// </summary>
    private (int ExitCode, string Output) RunPatchTarget(string packageRoot)
    {
        var targets = Path.Combine(RepositoryRoot.Find()!, "build", "TorchBackend.targets");
        var project = Path.Combine(_dir, "patch.proj");
        File.WriteAllText(project, $"""
            <Project>
              <PropertyGroup>
                <UsesTorchBackend>true</UsesTorchBackend>
                <TorchBackend>cpu</TorchBackend>
                <TorchSharpVersion>{TorchSharpVersion}</TorchSharpVersion>
                <OutDir>out/</OutDir>
                <NuGetPackageRoot>$(NUGET_PACKAGES)</NuGetPackageRoot>
              </PropertyGroup>
              <Import Project="{targets}" />
              <Target Name="Build" />
            </Project>
            """);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["msbuild", project, "-t:PatchLibTorchSharpForOldLibStdCxx", "-nologo", "-v:n"])
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NUGET_PACKAGES"] = packageRoot;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "dotnet msbuild did not finish in 3 minutes");
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string TorchSharpVersion
    {
        get
        {
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
            return $"{version.Major}.{version.Minor}.{version.Build}";
        }
    }

    private static string PackageCopy(string root) =>
        Path.Combine(root, "torchsharp", TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [NeedsGlibcxxFixFact]
    public void ThePatchTargetFixesThePackageCopyWhenNuGetPackagesHasNoTrailingSlash()
    {
        var root = Path.Combine(_dir, "packages"); // no trailing slash, as CI systems and containers set NUGET_PACKAGES
        var unpatched = UnpatchedLibrary();
        foreach (var copy in new[] { PackageCopy(root), Path.Combine(_dir, "out", "runtimes", "linux-x64", "native", "libLibTorchSharp.so") })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllBytes(copy, unpatched);
        }

        var (exitCode, output) = RunPatchTarget(root);

        Assert.True(exitCode == 0, output);
        Assert.True(LibTorchSharpPatch.IsWeak(PackageCopy(root)), output);
        Assert.True(LibTorchSharpPatch.IsWeak(Path.Combine(_dir, "out", "runtimes", "linux-x64", "native", "libLibTorchSharp.so")), output);
    }

    [NeedsGlibcxxFixFact]
    public void AMissingListedCopyFailsTheBuildAndNamesIt()
    {
        var root = Path.Combine(_dir, "empty-packages");
        Directory.CreateDirectory(root);
        var output = Path.Combine(_dir, "out", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllBytes(output, UnpatchedLibrary());

        var (exitCode, text) = RunPatchTarget(root);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(PackageCopy(root), text, StringComparison.Ordinal);
        Assert.Contains("does not exist", text, StringComparison.Ordinal);
    }

    [NeedsGlibcxxFixFact]
    public void TheBuildFixedTheCopyInTheNuGetPackageFolderThatNotebooksLoad()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
        var copy = Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(copy), $"missing {copy}");
        Assert.True(LibTorchSharpPatch.IsWeak(copy), $"{copy} still needs {LibTorchSharpPatch.MissingVersion}");
        Assert.All(TorchRuntime.LoadableCopies(), c => Assert.True(LibTorchSharpPatch.IsWeak(c), c));
    }
}

/// <summary>
/// A test of the GLIBCXX_3.4.32 fix on a system that needs it: skipped, saying why, where the system's libstdc++ already
/// defines the version (there the build leaves the library alone and there is nothing to check).
/// </summary>
internal sealed class NeedsGlibcxxFixFactAttribute : FactAttribute
{
    public NeedsGlibcxxFixFactAttribute()
    {
        if (!LibTorchSharpPatch.SystemLacksVersion())
            Skip = $"This system's libstdc++ defines {LibTorchSharpPatch.MissingVersion}: TorchSharp loads unpatched and the build fixes nothing.";
    }
}
