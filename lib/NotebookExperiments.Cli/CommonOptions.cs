using System.CommandLine;
using NotebookExperiments.Estimators;
using NotebookExperiments.Native;
using NotebookExperiments.Notebooks;
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

    public static Option<int?> Threads() => new("--threads")
    {
        Description = "Intra-op threads for TorchSharp, fixed (default: a share of the cores, all of them when nothing else runs here; " +
                      "runs side by side split them, and OMP_NUM_THREADS, when set, fixes the count instead).",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };

    /// <summary>Adds <paramref name="options"/> to <paramref name="command"/>, in order.</summary>
    public static void AddOptions(this Command command, IEnumerable<Option> options)
    {
        foreach (var option in options) command.Options.Add(option);
    }

    /// <summary>
    /// Loads TorchSharp (with the native fix), sets the threads, and resolves the device. The command line opts in to glibc's
    /// allocator tuning for training (<see cref="HeapTuning"/>), which the library leaves to the program.
    /// </summary>
    /// <param name="device">cpu, cuda or auto.</param>
    /// <param name="threads">The user's <c>--threads</c>, which fixes the count; null: the environment's choice, by default a share of
    /// the cores with the other runs on this machine (<see cref="TorchThreads"/>).</param>
    public static torch.Device Initialise(string device, int? threads)
    {
        HeapTuning.Apply();
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1, not {threads}.");
        TorchRuntime.EnsureLoaded();
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160; // logs: no wrapped table cells
        if (threads is int n) TorchThreads.Use(n, FormattableString.Invariant($"--threads {n}"));
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
        catch (Exception e) when (e is ArgumentException or TorchNativeLoadException or InvalidDataException or FileNotFoundException
                                       or DirectoryNotFoundException or NotebookException)
        {
            Console.Error.WriteLine($"error: {UserErrors.Message(e, options)}");
            return 2;
        }
    }
}
