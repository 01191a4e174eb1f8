using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Tests.Notebooks.Jupyter;

/// <summary>
/// A session of the real kernel over its standard-I/O protocol (<c>dotnet-interactive stdio</c>), the protocol through which
/// VS Code's Polyglot Notebooks runs cells and stops them: each command is one JSON line on the kernel's standard input
/// (<c>SubmitCode</c> runs a cell, <c>Cancel</c> is the Stop button), and each event one JSON line on its standard output,
/// naming the token of the command it belongs to.
/// </summary>
/// <remarks>
/// Jupyter's own protocol cannot stop a cell of this kernel: its kernelspec declares no interrupt mode, so Jupyter sends
/// <c>SIGINT</c>, which shuts the kernel down, and the kernel reads an <c>interrupt_request</c> only on the shell channel, after
/// the running cell has ended (on the control channel it answers only shutdown requests).
/// </remarks>
public sealed class KernelSession : IDisposable
{
    private readonly Process _process;
    private readonly List<JsonNode> _events = [];
    private readonly Queue<string> _errors = new();
    private int _next;
    private bool _closed;

    /// <summary>Starts the kernel process described by <paramref name="start"/> (standard input and output redirected).</summary>
    public KernelSession(ProcessStartInfo start)
    {
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors)
            {
                _errors.Enqueue(e.Data);
                if (_errors.Count > 40) _errors.Dequeue();
            }
        };
        _process.BeginErrorReadLine();
        var reader = new Thread(Read) { IsBackground = true, Name = "kernel events" };
        reader.Start();
    }

    /// <summary>Whether the kernel process is still running.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>The last lines the kernel wrote to its standard error.</summary>
    public string ErrorTail
    {
        get { lock (_errors) return string.Join("\n", _errors); }
    }

    /// <summary>Sends a cell's code; returns the command's token, which <see cref="WaitFor"/> takes.</summary>
    public string Submit(string code) => Send("SubmitCode", new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" });

    /// <summary>Presses Stop: sends <c>Cancel</c>, which cancels the running cell's <c>KernelInvocationContext.CancellationToken</c>.</summary>
    public void Cancel() => Send("Cancel", new JsonObject { ["targetKernelName"] = "csharp" });

    /// <summary>Runs a cell and waits for its end.</summary>
    public KernelCellResult Run(string code, TimeSpan timeout) => WaitFor(Submit(code), timeout);

    /// <summary>Whether the command of <paramref name="token"/> has ended (succeeded or failed).</summary>
    public bool HasEnded(string token)
    {
        lock (_events) return _events.Any(e => IsEnd(e, token));
    }

    /// <summary>Waits for the end of the command of <paramref name="token"/>; what it did.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/>, or the kernel's output closed first.</exception>
    public KernelCellResult WaitFor(string token, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (_events)
        {
            while (!_events.Any(e => IsEnd(e, token)))
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero || _closed)
                    throw new TimeoutException($"The kernel's command {token} did not end within {timeout} (kernel {(_closed ? "exited" : "running")}); " +
                        $"the end of its standard error:\n{ErrorTail}");
                Monitor.Wait(_events, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            }
            var end = _events.First(e => IsEnd(e, token));
            var output = string.Concat(_events.Where(e => (string?)e["eventType"] == "StandardOutputValueProduced" && BelongsTo(e, token))
                .Select(e => e["event"]?["formattedValues"]?.AsArray().FirstOrDefault(v => (string?)v?["mimeType"] == "text/plain")?["value"]?.GetValue<string>()));
            return new KernelCellResult((string?)end["eventType"] == "CommandSucceeded", (string?)end["event"]?["message"], output);
        }
    }

    /// <summary>Closes the kernel's input and ends the process (and its children) if it has not exited a few seconds later.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private string Send(string commandType, JsonObject command)
    {
        var token = $"test-{Interlocked.Increment(ref _next)}";
        var envelope = new JsonObject { ["token"] = token, ["commandType"] = commandType, ["command"] = command };
        lock (_process)
        {
            _process.StandardInput.WriteLine(envelope.ToJsonString());
            _process.StandardInput.Flush();
        }
        return token;
    }

    private void Read()
    {
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            JsonNode? node;
            try { node = JsonNode.Parse(line); }
            catch (JsonException) { continue; } // the kernel's own log lines
            if (node?["eventType"] is null) continue;
            lock (_events)
            {
                _events.Add(node);
                Monitor.PulseAll(_events);
            }
        }
        lock (_events)
        {
            _closed = true;
            Monitor.PulseAll(_events);
        }
    }

    private static string? TokenOf(JsonNode e) => (string?)e["command"]?["token"];

    /// <summary>An event of the command or of one of the child commands the kernel split it into (tokens <c>token.1</c>, …).</summary>
    private static bool BelongsTo(JsonNode e, string token) => TokenOf(e) is { } t && (t == token || t.StartsWith(token + ".", StringComparison.Ordinal));

    private static bool IsEnd(JsonNode e, string token) =>
        TokenOf(e) == token && (string?)e["eventType"] is "CommandSucceeded" or "CommandFailed";
}
