using System.CommandLine;
using NotebookExperiments.Estimators;
using NotebookExperiments.Native;
using Spectre.Console;
using TorchSharp;

namespace NotebookExperiments.Cli;

/// <summary>Options shared by the commands, and the runtime set-up they imply.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => new("--device")
    {
        Description = "Compute device: cpu, cuda or auto (cuda when available).",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Intra-op threads for TorchSharp (default: the number of cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };

    /// <summary>
    /// Loads TorchSharp (with the native fix), sets the threads, and resolves the device. The command line opts in to glibc's
    /// allocator tuning for training (<see cref="HeapTuning"/>), which the library leaves to the program.
    /// </summary>
    public static torch.Device Initialise(string device, int threads)
    {
        HeapTuning.Apply();
        TorchRuntime.EnsureLoaded();
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160; // logs: no wrapped table cells
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1, not {threads}.");
        torch.set_num_threads(threads);
        return TorchRuntime.ResolveDevice(device);
    }

    /// <summary>Runs a command body, turning the errors a user can cause into a message and exit code 2.</summary>
    /// <param name="body">The command.</param>
    /// <param name="options">This command's options whose library parameter names differ from <see cref="UserErrors.DefaultOptions"/>.</param>
    public static int Guard(Func<int> body, IReadOnlyDictionary<string, string>? options = null)
    {
        try
        {
            return body();
        }
        catch (IncompleteRunException e)
        {
            Console.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is ArgumentException or TorchNativeLoadException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {UserErrors.Message(e, options)}");
            return 2;
        }
    }
}
