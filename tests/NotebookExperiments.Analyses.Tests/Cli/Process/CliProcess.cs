using System.Diagnostics;
using System.Text;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// Runs the command line as users do: a separate process of the built <c>notebook-experiments</c> program (or of any command
/// through bash), with its exit code, its standard output and error, and how long it took.
/// </summary>
public static class CliProcess
{
    /// <summary>The built command-line program: the Cli project's own output, in this test run's configuration.</summary>
    public static string Program
    {
        get
        {
            var configuration = typeof(CliProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            var dll = Path.Combine(RepositoryRoot.Find()!, "lib", "NotebookExperiments.Cli", "bin", configuration, "net10.0", "notebook-experiments.dll");
            Assert.True(File.Exists(dll), $"{dll} is not built");
            return dll;
        }
    }

    /// <summary>The result of a process.</summary>
    /// <param name="Exit">Its exit code.</param>
    /// <param name="Output">Standard output followed by standard error.</param>
    /// <param name="Seconds">How long it ran.</param>
    public sealed record Result(int Exit, string Output, double Seconds)
    {
        /// <summary>Asserts exit code <paramref name="expected"/>, showing the output otherwise.</summary>
        public Result Expect(int expected)
        {
            Assert.True(Exit == expected, $"exit {Exit}, expected {expected}:\n{Output}");
            return this;
        }
    }

    /// <summary>Runs <c>dotnet notebook-experiments.dll</c> with <paramref name="arguments"/>.</summary>
    public static Task<Result> RunAsync(params string[] arguments) => RunAsync(null, null, arguments);

    /// <summary>Runs <c>dotnet notebook-experiments.dll</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static Task<Result> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        StartAsync("dotnet", [Program, .. arguments], workingDirectory, environment, TimeSpan.FromMinutes(10));

    /// <summary>
    /// Runs <c>dotnet notebook-experiments.dll</c> with <paramref name="arguments"/> and calls <paramref name="whileRunning"/> with the
    /// process as soon as it has started (to watch its files and send it signals); the result comes when the process has ended.
    /// </summary>
    /// <remarks>
    /// The command starts with Ctrl+C's default handling, as a command typed in a terminal does (<c>env --default-signal=INT</c>
    /// execs it, keeping its process id). A test run started in the background by a script inherits SIGINT ignored, and a process
    /// that starts with SIGINT ignored keeps ignoring it, as <c>nohup</c> and background jobs intend.
    /// </remarks>
    public static Task<Result> RunWhileAsync(IReadOnlyDictionary<string, string>? environment, Func<System.Diagnostics.Process, Task> whileRunning,
        params string[] arguments) =>
        StartAsync("env", ["--default-signal=INT", "dotnet", Program, .. arguments], null, environment, TimeSpan.FromMinutes(10), whileRunning);

    /// <summary>Runs a command line through <c>bash -c</c>, as typed in a terminal.</summary>
    public static Task<Result> BashAsync(string commandLine, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout) =>
        StartAsync("bash", ["-c", commandLine], workingDirectory, environment, timeout);

    private static async Task<Result> StartAsync(string program, IReadOnlyList<string> arguments, string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, Func<System.Diagnostics.Process, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Find()!,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            if (whileRunning is not null) await whileRunning(process);
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} ran longer than {timeout}:\n{output}{error}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString() + error, clock.Elapsed.TotalSeconds);
    }
}
