using NotebookExperiments.Cli;

namespace NotebookExperiments.Tests.Support;

/// <summary>Tests that redirect the process-wide console run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Runs the command line in-process and returns its exit code and standard output.</summary>
    public static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var original = Console.Out;
        var writer = new StringWriter();
        try
        {
            Console.SetOut(writer);
            int exit = await CliApplication.RunAsync(args);
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Gate.Release();
        }
    }
}
