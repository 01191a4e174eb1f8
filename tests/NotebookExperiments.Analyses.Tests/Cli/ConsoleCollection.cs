using NotebookExperiments.Cli;
using Spectre.Console;

namespace NotebookExperiments.Tests.Cli;

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs the command line in-process and returns its exit code and standard output (standard error appended).</summary>
    public static Task<(int Exit, string Output)> RunCliAsync(params string[] args) => RunCliAsync(false, args);

    /// <summary>
    /// As <see cref="RunCliAsync(string[])"/>; with <paramref name="captureAnsi"/> what the command writes through Spectre.Console
    /// (tables, markup) is captured too, as plain text. Spectre's console keeps the writer it was created with, so without this
    /// it writes wherever the first command of the process left it.
    /// </summary>
    public static async Task<(int Exit, string Output)> RunCliAsync(bool captureAnsi, params string[] args)
    {
        await Gate.WaitAsync();
        var (originalOut, originalError, originalAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        var (writer, errors) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(writer);
            Console.SetError(errors);
            if (captureAnsi)
                AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
                });
            int exit = await CliApplication.RunAsync(args);
            return (exit, writer.ToString() + errors);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            if (captureAnsi) AnsiConsole.Console = originalAnsi;
            Gate.Release();
        }
    }
}
