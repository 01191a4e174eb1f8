using System.Diagnostics;
using NotebookExperiments.Data;
using NotebookExperiments.Notebooks;

namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// The real .NET Interactive kernel (the <c>Microsoft.dotnet-interactive</c> tool that VS Code and Jupyter run), driven by
/// Jupyter's own executor, <c>jupyter nbconvert --execute</c>, as a user on a fresh machine would run a notebook, or over its
/// standard-I/O protocol (<see cref="StartSession"/>), as VS Code's Polyglot Notebooks drives it.
/// </summary>
/// <remarks>
/// <para>The tool is the one <c>tests/run-tests.sh</c> installs into <c>artifacts/tools/dotnet-interactive/</c>; Jupyter is
/// Debian's <c>jupyter-nbconvert</c> with <c>python3-nbclient</c>. The kernelspec is registered with the tool's own
/// <c>jupyter install</c> in a private Jupyter folder.</para>
/// <para>A first run: the kernel gets a fresh <c>HOME</c> and <c>TMPDIR</c> of its own (with <c>JUPYTER_PATH</c> pointing at the
/// private kernelspec and <c>NUGET_PACKAGES</c> unset), so that its <c>#r "nuget: …"</c> lines restore into an empty NuGet
/// cache and nothing is reused from earlier package resolutions, which the kernel caches under the home and temp folders.
/// One such home serves all notebooks of a test run, and is deleted at its end.</para>
/// </remarks>
public sealed class JupyterKernel : IDisposable
{
    /// <summary>The kernelspec the .NET tool registers for C#.</summary>
    public const string KernelName = ".net-csharp";

    private readonly string _root;

    /// <summary>The installed kernel tool, or null when it is missing.</summary>
    public static string? ToolPath =>
        RepositoryRoot.Find() is { } repository && Path.Combine(repository, "artifacts", "tools", "dotnet-interactive", "dotnet-interactive") is var path && File.Exists(path)
            ? path
            : null;

    /// <summary>Jupyter's command, or null when Debian's nbconvert is not installed.</summary>
    public static string? JupyterPath => File.Exists("/usr/bin/jupyter-nbconvert") && File.Exists("/usr/bin/jupyter") ? "/usr/bin/jupyter" : null;

    /// <summary>Why the kernel cannot run here, or null when it can.</summary>
    public static string? Unavailable =>
        ToolPath is null ? "The kernel tool is not installed in artifacts/tools/dotnet-interactive (tests/run-tests.sh installs it)."
        : JupyterPath is null ? "Jupyter's nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client; tests/run-tests.sh does)."
        : null;

    /// <summary>Creates the fresh home, temp and Jupyter folders and registers the kernelspec.</summary>
    public JupyterKernel()
    {
        if (Unavailable is { } reason) throw new InvalidOperationException(reason);
        _root = Directory.CreateTempSubdirectory("first-run-kernel-").FullName;
        foreach (var folder in new[] { "home", "tmp", "jupyter/kernels", "runtime", "config" }) Directory.CreateDirectory(Path.Combine(_root, folder));
        var (exitCode, output) = Run(ToolPath!, ["jupyter", "install", "--path", Path.Combine(_root, "jupyter", "kernels")], _root, TimeSpan.FromMinutes(2));
        if (exitCode != 0 || !File.Exists(Path.Combine(_root, "jupyter", "kernels", KernelName, "kernel.json")))
            throw new InvalidOperationException($"`dotnet-interactive jupyter install` failed ({exitCode}):\n{output.Stdout}{output.Stderr}");
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> with <c>jupyter nbconvert --to notebook --execute</c> in the .NET C# kernel, with
    /// <paramref name="workingDirectory"/> as the kernel's folder (as when the file sits there), and returns the executed
    /// notebook. Cell errors are kept as outputs (<c>--allow-errors</c>) so that a test can name them.
    /// </summary>
    public Notebook Execute(Notebook notebook, string workingDirectory, TimeSpan timeout)
    {
        // The notebook goes in on standard input, so that the kernel's folder is the working directory given (Jupyter starts
        // the kernel in the notebook's folder, which for standard input is the current one), and out to a private file: the
        // kernel writes its log to the standard output it inherits.
        var name = $"executed-{Guid.NewGuid():N}";
        var input = Path.Combine(_root, "tmp", name + ".input.ipynb");
        File.WriteAllText(input, NotebookFile.ToCanonicalJson(notebook));
        var (exitCode, output) = Run(JupyterPath!,
        [
            "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            $"--ExecutePreprocessor.kernel_name={KernelName}",
            $"--ExecutePreprocessor.timeout={(int)timeout.TotalSeconds}",
            "--stdin", "--output-dir", Path.Combine(_root, "tmp"), "--output", name,
        ], workingDirectory, timeout + TimeSpan.FromMinutes(1), stdinFile: input);
        File.Delete(input);
        var executed = Path.Combine(_root, "tmp", name + ".ipynb");
        if (exitCode != 0 || !File.Exists(executed))
            throw new InvalidOperationException($"jupyter nbconvert exited with {exitCode}:\n{Tail(output.Stderr)}");
        var result = NotebookFile.Read(executed);
        File.Delete(executed);
        return result;
    }

    /// <summary>Deletes the fresh home (with its NuGet cache, about 2.5 GB) and the other private folders.</summary>
    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>
    /// Starts a session of the kernel over its standard-I/O protocol in <paramref name="workingDirectory"/>, with this first-run
    /// home (so that packages restored by earlier notebooks of the test run are found in its NuGet cache).
    /// </summary>
    public KernelSession StartSession(string workingDirectory) =>
        new(StartInfo(ToolPath!, ["stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory], workingDirectory, redirectInput: true));

    private (int ExitCode, (string Stdout, string Stderr) Output) Run(string file, string[] arguments, string workingDirectory, TimeSpan timeout, string? stdinFile = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, workingDirectory, redirectInput: stdinFile is not null))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdinFile is not null)
        {
            process.StandardInput.Write(File.ReadAllText(stdinFile));
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments.Take(2))} did not finish within {timeout}.");
        }
        return (process.ExitCode, (stdout.Result, stderr.Result));
    }

    /// <summary>How a process of this first run starts: the private home, temp and Jupyter folders, and the tool on the path.</summary>
    private ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string workingDirectory, bool redirectInput)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var environment = start.Environment;
        environment["HOME"] = Path.Combine(_root, "home");
        environment["TMPDIR"] = Path.Combine(_root, "tmp");
        environment["JUPYTER_PATH"] = Path.Combine(_root, "jupyter");
        environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(_root, "runtime");
        environment["JUPYTER_CONFIG_DIR"] = Path.Combine(_root, "config");
        environment["PATH"] = Path.GetDirectoryName(ToolPath!) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment.Remove("NUGET_PACKAGES");
        environment.Remove("DOTNET_HOST_PATH");
        return start;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
