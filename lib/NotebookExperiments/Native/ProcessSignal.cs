using System.Runtime.InteropServices;

namespace NotebookExperiments.Native;

/// <summary>Sends a POSIX signal to a process (.NET can only kill one): what a parent uses to stop the processes it started gently.</summary>
internal static partial class ProcessSignal
{
    /// <summary>SIGTERM: stop after saving what can be saved.</summary>
    public const int Terminate = 15;

    /// <summary>SIGINT: what Ctrl+C sends.</summary>
    public const int Interrupt = 2;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/>; false when it could not (the process has ended, or not a POSIX system).</summary>
    public static bool Send(int processId, int signal)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            return kill(processId, signal) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
