using System.Diagnostics;

namespace NotebookExperiments.Benchmarks.Processes;

/// <summary>A program to start: its file, its arguments and extra environment variables.</summary>
/// <param name="Program">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Variables set for it on top of this process's.</param>
internal sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>This benchmark program again (the dotnet host and this assembly), with <paramref name="arguments"/>.</summary>
    public static ProcessCommand Self(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        Dotnet([typeof(ProcessCommand).Assembly.Location, .. arguments], environment);

    /// <summary>The dotnet host with <paramref name="arguments"/> (the host that runs this process, or the one on the path).</summary>
    public static ProcessCommand Dotnet(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        new(System.Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", arguments, environment);
}

/// <summary>Starts processes together and waits for them all: the wall-clock time of work that runs as separate processes.</summary>
internal static class TimedProcess
{
    /// <summary>
    /// Starts every command at once, waits for all, and returns the seconds from the first start to the last end.
    /// </summary>
    /// <exception cref="InvalidOperationException">A process failed; the message holds the end of its output.</exception>
    public static double RunTogether(IReadOnlyList<ProcessCommand> commands)
    {
        var clock = Stopwatch.StartNew();
        var running = commands.Select(Start).ToList();
        foreach (var (process, output) in running)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{process.StartInfo.FileName} {string.Join(" ", process.StartInfo.ArgumentList)} exited with " +
                                                    $"{process.ExitCode}:\n{Tail(output.ToString())}");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        foreach (var (process, _) in running) process.Dispose();
        return seconds;
    }

    /// <summary>Runs the commands one after the other and returns the seconds they took in all.</summary>
    public static double RunInTurn(IReadOnlyList<ProcessCommand> commands) => commands.Sum(c => RunTogether([c]));

    private static (Process Process, System.Text.StringBuilder Output) Start(ProcessCommand command)
    {
        var start = new ProcessStartInfo(command.Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Arguments) start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in command.Environment) start.Environment[name] = value;
        var output = new System.Text.StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
