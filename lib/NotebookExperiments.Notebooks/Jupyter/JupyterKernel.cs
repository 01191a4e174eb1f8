using Microsoft.DotNet.Interactive.Documents;
using System.Diagnostics;

namespace NotebookExperiments.Notebooks.Jupyter;

/// <summary>
/// The real .NET Interactive kernel (the <c>Microsoft.dotnet-interactive</c> tool that VS Code and Jupyter run), driven by
/// Jupyter's own executor, <c>jupyter nbconvert --to notebook --execute</c>, as a user runs a notebook, or over its
/// standard-I/O protocol (<see cref="StandardIoStartInfo"/>), as VS Code's Polyglot Notebooks drives it.
/// </summary>
/// <remarks>
/// <para>The tool is the one <c>tests/run-tests.sh</c> installs into <c>artifacts/tools/dotnet-interactive/</c>; Jupyter is
/// Debian's <c>jupyter-nbconvert</c> with <c>python3-nbclient</c>. The kernelspec is registered with the tool's own
/// <c>jupyter install --path</c> in a private Jupyter folder, so nothing is installed for the user.</para>
/// <para>Where the kernel lives: by default in the user's home and temp folders, so that it reuses the packages the user's
/// kernels have restored (<see cref="JupyterKernel(string?)"/> with no folder). Given a folder, the kernel gets a home and temp
/// folder of its own there (with <c>NUGET_PACKAGES</c> unset): its <c>#r "nuget: …"</c> lines restore into that folder's
/// empty NuGet cache the first time (about 2.5 GB) and reuse it afterwards. <see cref="WithFreshHome"/> makes such a folder
/// under the system's temp folder and deletes it at <see cref="Dispose"/>: a true first run, which the kernel's package
/// resolutions cached under the home and temp folders would otherwise hide.</para>
/// </remarks>
internal sealed class JupyterKernel : IDisposable
{
    /// <summary>The folder of private Jupyter files (kernelspec, runtime, configuration, notebooks in transit).</summary>
    private readonly string _root;

    /// <summary>Whether <see cref="_root"/> is deleted at <see cref="Dispose"/>.</summary>
    private readonly bool _deleteRoot;

    /// <summary>The home and temp folders' parent, or null for the user's own.</summary>
    private readonly string? _home;

    /// <summary>The installed kernel tool, or null when it is missing.</summary>
    public static string? ToolPath =>
        RepositoryRoot.Find() is { } repository && Path.Combine(repository, "artifacts", "tools", "dotnet-interactive", "dotnet-interactive") is var path && File.Exists(path)
            ? path
            : null;

    /// <summary>Jupyter's command, or null when Debian's nbconvert is not installed.</summary>
    public static string? JupyterPath => File.Exists("/usr/bin/jupyter-nbconvert") && File.Exists("/usr/bin/jupyter") ? "/usr/bin/jupyter" : null;

    /// <summary>Why the kernel cannot run here, with how to get what is missing; null when it can.</summary>
    public static string? Unavailable =>
        ToolPath is null ? "The kernel tool is not installed in artifacts/tools/dotnet-interactive (bash tests/run-tests.sh installs it, or: dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path artifacts/tools/dotnet-interactive)."
        : JupyterPath is null ? "Jupyter's nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client; bash tests/run-tests.sh does)."
        : null;

    /// <summary>
    /// Registers the kernelspec in a private Jupyter folder. With <paramref name="home"/>, the kernel's home and temp folders are
    /// <c>home/</c> and <c>tmp/</c> under it (created when missing, kept afterwards); without, they are the user's.
    /// </summary>
    /// <exception cref="JupyterUnavailableException">The kernel tool or Jupyter is missing (<see cref="Unavailable"/>).</exception>
    public JupyterKernel(string? home = null) : this(home, deleteRoot: false) { }

    private JupyterKernel(string? home, bool deleteRoot)
    {
        if (Unavailable is { } reason) throw new JupyterUnavailableException(reason);
        _home = home is null ? null : Path.GetFullPath(home);
        _deleteRoot = deleteRoot || _home is null;
        _root = _home ?? Directory.CreateTempSubdirectory("jupyter-kernel-").FullName;
        foreach (var folder in new[] { "home", "tmp", "jupyter/kernels", "runtime", "config" }) Directory.CreateDirectory(Path.Combine(_root, folder));
        var (exitCode, stdout, stderr) =
            Run(ToolPath!, ["jupyter", "install", "--path", Path.Combine(_root, "jupyter", "kernels")], _root, TimeSpan.FromMinutes(2));
        if (exitCode != 0 || !File.Exists(Path.Combine(_root, "jupyter", "kernels", DotNetNotebookMetadata.CSharpKernelspecName, "kernel.json")))
            throw new InvalidOperationException($"`dotnet-interactive jupyter install` failed ({exitCode}):\n{stdout}{stderr}");
    }

    /// <summary>A kernel with a fresh home, temp folder and NuGet cache of its own, all deleted at <see cref="Dispose"/>.</summary>
    /// <exception cref="JupyterUnavailableException">The kernel tool or Jupyter is missing.</exception>
    public static JupyterKernel WithFreshHome()
    {
        if (Unavailable is { } reason) throw new JupyterUnavailableException(reason);
        return new JupyterKernel(Directory.CreateTempSubdirectory("first-run-kernel-").FullName, deleteRoot: true);
    }

    /// <summary>The folder that holds the kernel's own home and temp folders, or null when it uses the user's.</summary>
    public string? PrivateFolder => _home;

    /// <summary>The home folder the kernel sees (where its NuGet cache is, unless <c>NUGET_PACKAGES</c> says otherwise).</summary>
    public string HomeDirectory => _home is null ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : Path.Combine(_home, "home");

    /// <summary>
    /// Executes <paramref name="notebook"/> with <c>jupyter nbconvert --to notebook --execute</c> in the .NET C# kernel, with
    /// <paramref name="workingDirectory"/> as the kernel's folder (as when the file sits there), and returns the executed
    /// notebook. Cell errors are kept as outputs (<c>--allow-errors</c>) so that the caller can name them.
    /// </summary>
    /// <exception cref="InvalidOperationException">nbconvert failed (its standard error's end is in the message).</exception>
    /// <exception cref="TimeoutException">The run took longer than <paramref name="timeout"/> (plus a minute).</exception>
    public InteractiveDocument Execute(InteractiveDocument notebook, string workingDirectory, TimeSpan timeout)
    {
        // The notebook goes in on standard input, so that the kernel's folder is the working directory given (Jupyter starts
        // the kernel in the notebook's folder, which for standard input is the current one), and out to a private file: the
        // kernel writes its log to the standard output it inherits.
        var name = $"executed-{Guid.NewGuid():N}";
        var transit = Path.Combine(_root, "tmp");
        var (exitCode, _, stderr) = Run(JupyterPath!,
        [
            "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            $"--ExecutePreprocessor.kernel_name={DotNetNotebookMetadata.CSharpKernelspecName}",
            $"--ExecutePreprocessor.timeout={(int)timeout.TotalSeconds}",
            "--stdin", "--output-dir", transit, "--output", name,
        ], workingDirectory, timeout + TimeSpan.FromMinutes(1), stdin: NotebookFile.ToCanonicalJson(notebook));
        var executed = Path.Combine(transit, name + ".ipynb");
        if (exitCode != 0 || !File.Exists(executed))
            throw new InvalidOperationException($"jupyter nbconvert exited with {exitCode}:\n{Tail(stderr)}");
        var result = NotebookFile.Read(executed);
        File.Delete(executed);
        return result;
    }

    /// <summary>Deletes the private Jupyter folder; with <see cref="WithFreshHome"/>, also the home and its NuGet cache.</summary>
    public void Dispose()
    {
        if (!_deleteRoot) return;
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>
    /// How to start this kernel over its standard-I/O protocol (<c>dotnet-interactive stdio</c>, the protocol through which VS
    /// Code's Polyglot Notebooks runs and stops cells) in <paramref name="workingDirectory"/>, with this kernel's home, temp and
    /// Jupyter folders; standard input, output and error redirected.
    /// </summary>
    public ProcessStartInfo StandardIoStartInfo(string workingDirectory) =>
        StartInfo(ToolPath!, ["stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory], workingDirectory, redirectInput: true);

    private (int ExitCode, string Stdout, string Stderr) Run(string file, string[] arguments, string workingDirectory, TimeSpan timeout,
        string? stdin = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, workingDirectory, redirectInput: stdin is not null))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments.Take(2))} did not finish within {timeout}.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>How a process of this kernel starts: its home and temp folders (when private), its Jupyter folders, the tool on the path.</summary>
    private ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string workingDirectory, bool redirectInput)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
        };
        var environment = start.Environment;
        if (_home is not null)
        {
            environment["HOME"] = Path.Combine(_home, "home");
            environment["TMPDIR"] = Path.Combine(_home, "tmp");
            environment.Remove("NUGET_PACKAGES");
        }
        environment["JUPYTER_PATH"] = Path.Combine(_root, "jupyter");
        environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(_root, "runtime");
        environment["JUPYTER_CONFIG_DIR"] = Path.Combine(_root, "config");
        environment["PATH"] = Path.GetDirectoryName(ToolPath!) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment.Remove("DOTNET_HOST_PATH");
        return start;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
