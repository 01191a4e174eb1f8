using NotebookExperiments.Cli;

namespace NotebookExperiments.Tests.Cli;

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs the command line in-process and returns its exit code and standard output (standard error appended).</summary>
    public static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        var (writer, errors) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(writer);
            Console.SetError(errors);
            int exit = await CliApplication.RunAsync(args);
            return (exit, writer.ToString() + errors);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            Gate.Release();
        }
    }
}
