// The one setup script of every notebook: its first code cell restores the packages (`#r "nuget: ..."`) and loads this file
// (`#load "setup.csx"`). It builds this repository's library in Release when its DLL is missing or older than any of its sources,
// and says what it did. A `#r` of the library's DLL cannot sit in this file or in that cell: the kernel resolves a cell's `#r`
// lines when it compiles the cell, before this script could build the DLL. So once the library is built, this script hands the
// C# kernel one more submission, deferred until the cell has ended (the kernel runs deferred commands before the next one):
// the `#r` of the library's DLLs and the `#load` of session.csx, which loads TorchSharp and defines the notebooks' `Session`.
#nullable enable
using System.Diagnostics;
using System.IO;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

/// <summary>What the library build check found and did.</summary>
static class LibraryBuild
{
    /// <summary>The project the notebooks need, relative to the repository root: the analyses, which build the core with them.</summary>
    public const string Project = "lib/NotebookExperiments.Analyses/NotebookExperiments.Analyses.csproj";

    /// <summary>The DLLs the notebooks reference (all in <see cref="Project"/>'s Release output), each with its sources' folder.</summary>
    public static readonly (string Assembly, string Sources)[] Assemblies =
        { ("NotebookExperiments", "lib/NotebookExperiments"), ("NotebookExperiments.Analyses", "lib/NotebookExperiments.Analyses") };

    /// <summary>Files outside the projects' folders that change what they build.</summary>
    static readonly string[] SharedInputs =
        { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "build/TorchBackend.targets" };

    /// <summary>The repository root: the nearest folder at or above the working directory that holds the solution.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookExperiments.sln"))) return dir.FullName;
        throw new InvalidOperationException(
            $"No NotebookExperiments.sln at or above {Directory.GetCurrentDirectory()}: open the notebook from the repository's " +
            "notebooks/ folder (the kernel starts in the notebook's folder).");
    }

    public static string OutputDll(string root, string assembly) =>
        Path.Combine(root, Path.GetDirectoryName(Project)!, "bin", "Release", "net10.0", assembly + ".dll");

    /// <summary>The newest source of one assembly: the .cs and .csproj files of its folder and the shared build files.</summary>
    static FileInfo NewestInput(string root, string folder)
    {
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".csproj"))
            .Where(f => !f.Contains($"{sep}bin{sep}") && !f.Contains($"{sep}obj{sep}"))
            .Concat(SharedInputs.Select(f => Path.Combine(root, f)).Where(File.Exists))
            .Select(f => new FileInfo(f))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .First();
    }

    /// <summary>Why the library needs a build, or null when each DLL is newer than all of its sources.</summary>
    public static string? Staleness(string root)
    {
        foreach (var (assembly, sources) in Assemblies)
        {
            var dll = new FileInfo(OutputDll(root, assembly));
            if (!dll.Exists) return $"{dll.Name} is not built yet";
            var newest = NewestInput(root, sources);
            if (newest.LastWriteTimeUtc > dll.LastWriteTimeUtc)
                return $"{Path.GetRelativePath(root, newest.FullName)} changed after {dll.Name} was built";
        }
        return null;
    }

    /// <summary>
    /// The library's assemblies this kernel has loaded that differ from the DLLs now on disk (another kernel, or a build in a
    /// terminal, rebuilt them after this kernel loaded them), compared by module version id, which every build changes.
    /// </summary>
    static List<string> LoadedButRebuilt(string root)
    {
        var changed = new List<string>();
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            var name = loaded.GetName().Name;
            if (!Assemblies.Any(x => x.Assembly == name)) continue;
            var dll = OutputDll(root, name!);
            if (!File.Exists(dll)) continue;
            using var stream = File.OpenRead(dll);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            if (reader.GetGuid(reader.GetModuleDefinition().Mvid) != loaded.ManifestModule.ModuleVersionId) changed.Add(name!);
        }
        return changed;
    }

    /// <summary>
    /// Holds <c>artifacts/library-build.lock</c> in the repository while it is open: two kernels that find the library stale at once
    /// build it one after the other (the second then finds it up to date), never into the same <c>obj/</c> at the same time.
    /// </summary>
    static FileStream Lock(string root, string name)
    {
        var path = Path.Combine(root, "artifacts", "library-build.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        bool said = false;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                if (!said) Console.WriteLine($"{name}: another kernel is building the library; waiting for it...");
                said = true;
                System.Threading.Thread.Sleep(500);
            }
        }
    }

    /// <summary>Builds the library when it is stale and prints one line; throws with the compiler's errors when the build fails.</summary>
    public static void EnsureBuilt()
    {
        var root = RepositoryRoot();
        const string name = "NotebookExperiments";
        using var buildLock = Lock(root, name);
        var reason = Staleness(root);
        if (reason is null)
        {
            var rebuilt = LoadedButRebuilt(root);
            if (rebuilt.Count > 0)
                throw new InvalidOperationException(
                    $"{name} was rebuilt after this kernel loaded it ({string.Join(", ", rebuilt)}), and a kernel cannot unload an " +
                    "assembly: restart the kernel, then run all cells again.");
            Console.WriteLine($"{name}: up to date (built {File.GetLastWriteTime(OutputDll(root, Assemblies[^1].Assembly)):yyyy-MM-dd HH:mm}).");
            return;
        }
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => Assemblies.Any(x => x.Assembly == a.GetName().Name)))
            throw new InvalidOperationException(
                $"{name} must be rebuilt ({reason}), but this kernel has already loaded the old one and cannot unload it: " +
                "restart the kernel, then run all cells again.");
        Console.WriteLine($"{name}: building in Release, because {reason} (the first build restores its packages: about a minute)...");
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = Run(root, "build", Project, "-c", "Release", "-nologo", "-v:q", "-clp:NoSummary");
        if (exitCode != 0)
        {
            var errors = output.Where(l => l.Contains(": error ")).Distinct().ToList();
            throw new InvalidOperationException(
                $"{name} did not build (dotnet build exited with {exitCode}):{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Count > 0 ? errors : output.TakeLast(20)) +
                $"{Environment.NewLine}Fix the errors above, then run this cell again.");
        }
        Console.WriteLine($"{name}: built in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>Runs the .NET SDK's <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="root"/>; its exit code and output lines.</summary>
    static (int ExitCode, List<string> Output) Run(string root, params string[] arguments)
    {
        // DOTNET_HOST_PATH is the SDK's own dotnet when the kernel was started by one; otherwise dotnet from PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new List<string>();
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("The .NET SDK's `dotnet` was not found on PATH: install the .NET 10 SDK, then restart the kernel.");
        }
        using var _ = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

LibraryBuild.EnsureBuilt();
// The deferred submission, in absolute paths so that it does not depend on the kernel's working folder. The usings of a #load'ed
// file stay in that file, so the submission repeats session.csx's own: the notebooks' cells see the namespaces it opens.
var sessionScript = Path.Combine(LibraryBuild.RepositoryRoot(), "notebooks", "session.csx");
KernelInvocationContext.Current.HandlingKernel.DeferCommand(new SubmitCode(string.Join("\n",
    LibraryBuild.Assemblies.Select(a => $"#r \"{LibraryBuild.OutputDll(LibraryBuild.RepositoryRoot(), a.Assembly)}\"")
        .Append($"#load \"{sessionScript}\"")
        .Concat(File.ReadLines(sessionScript).Where(line => line.StartsWith("using ", StringComparison.Ordinal))))));
