using System.ComponentModel;
using System.Diagnostics;

namespace NotebookExperiments.Data;

/// <summary>Runs the real npm as a child process (through <c>cmd.exe /c</c> on Windows, where npm is a script).</summary>
internal sealed class NpmProcessRunner : INpmRunner
{
    /// <summary>The npm executable, looked up on PATH: <c>npm</c> unless set (tests point it at a missing or failing program).</summary>
    public string Executable { get; init; } = "npm";

    /// <summary>How long the command may run before it is stopped and reported as failed: 10 minutes unless set.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most characters of npm's error output quoted in a failure message.</summary>
    public const int QuotedOutputLength = 2000;

    /// <inheritdoc />
    public string Pack(string packageSpec, string workingDirectory, CancellationToken cancellationToken = default)
    {
        string command = $"{Executable} pack {packageSpec}";
        var start = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? "cmd.exe" : Executable,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (OperatingSystem.IsWindows())
        {
            start.ArgumentList.Add("/d");
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(Executable);
        }
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(packageSpec);
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NpmCommandException($"`{command}` could not be started.", npmMissing: true);
        }
        catch (Win32Exception e)
        {
            throw new NpmCommandException($"`{command}` could not be started: {Executable} was not found on PATH ({e.Message}).", npmMissing: true, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using (cancellationToken.Register(() => Stop(process)))
            {
                if (!process.WaitForExit(Timeout))
                {
                    Stop(process);
                    throw new NpmCommandException($"`{command}` did not finish within {Timeout.TotalMinutes:0.#} minutes and was stopped.", npmMissing: false);
                }
                process.WaitForExit();
            }
            cancellationToken.ThrowIfCancellationRequested();
            string errors = Shorten(stderr.GetAwaiter().GetResult().Trim());
            _ = stdout.GetAwaiter().GetResult();

            if (OperatingSystem.IsWindows() && process.ExitCode == 9009)
                throw new NpmCommandException($"`{command}` could not be started: {Executable} was not found on PATH.", npmMissing: true);
            if (process.ExitCode != 0)
                throw new NpmCommandException(
                    $"`{command}` failed with exit code {process.ExitCode}" + (errors.Length > 0 ? ":" + Environment.NewLine + errors : "."), npmMissing: false);
        }

        var tarballs = Directory.GetFiles(workingDirectory, "*.tgz");
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new NpmCommandException(
                $"`{command}` succeeded but wrote {tarballs.Length} .tgz files in {workingDirectory}, expected exactly one.", npmMissing: false);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    private static string Shorten(string text) =>
        text.Length <= QuotedOutputLength ? text : "…" + text[^QuotedOutputLength..];
}
