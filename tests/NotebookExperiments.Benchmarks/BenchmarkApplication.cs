using System.CommandLine;
using System.Globalization;
using NotebookExperiments.Benchmarks.Reporting;
using NotebookExperiments.Benchmarks.Sections;
using NotebookExperiments.Estimators;
using NotebookExperiments.Native;
using Spectre.Console;
using TorchSharp;

namespace NotebookExperiments.Benchmarks;

/// <summary>
/// The benchmark command line: parses the options, loads TorchSharp, runs the chosen sections and prints the report as
/// tables, markdown or JSON on standard output (progress goes to standard error).
/// </summary>
internal static class BenchmarkApplication
{
    /// <summary>The root command.</summary>
    public static RootCommand CreateRootCommand()
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer and shorter rounds: a smoke run, not numbers to publish." };
        var threads = new Option<int>("--threads") { Description = "TorchSharp intra-op threads.", DefaultValueFactory = _ => 2 };
        var sections = new Option<string>("--sections")
        {
            Description = "Comma-separated sections: " + string.Join(",", BenchmarkSettings.SectionNames) + " (default: all but jobs).",
            DefaultValueFactory = _ => string.Join(",", BenchmarkSettings.DefaultSectionNames),
        };
        var markdown = new Option<bool>("--markdown") { Description = "Print GitHub-flavoured markdown tables (for the README)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var mnist = new Option<bool>("--mnist") { Description = "Use the first 3000 real MNIST training images (fetched into data/mnist when missing) instead of synthetic grey levels." };
        var seed = new Option<long>("--seed") { Description = "Seed of the synthetic images, the models and every draw.", DefaultValueFactory = _ => 0 };
        var estimators = new Option<string[]>("--estimator", "-e")
        {
            Description = "Estimator spec for the steps section (repeatable); default: every built-in but exact.",
            AllowMultipleArgumentsPerToken = true,
        };
        var study = new Option<string[]>("--study-estimator")
        {
            Description = "Estimator spec for the gradient study (repeatable); default: reinmax and gr-mc:k=100.",
            AllowMultipleArgumentsPerToken = true,
        };

        var root = new RootCommand("Benchmarks of NotebookExperiments: training steps, the exact oracle, the gradient study and ensembles, " +
                                   "against the FLOP floor measured in the same run.")
        {
            quick, threads, sections, markdown, json, mnist, seed, estimators, study,
        };
        root.Subcommands.Add(Processes.TrainingWorker.Create());
        root.SetAction(result =>
        {
            try
            {
                if (result.GetValue(markdown) && result.GetValue(json)) throw new ArgumentException("Give --markdown or --json, not both.");
                var settings = new BenchmarkSettings(
                    BenchmarkSettings.ParseSections(result.GetValue(sections)!),
                    result.GetValue(threads),
                    result.GetValue(quick),
                    result.GetValue(markdown) ? ReportFormat.Markdown : result.GetValue(json) ? ReportFormat.Json : ReportFormat.Tables,
                    result.GetValue(mnist),
                    result.GetValue(seed),
                    NonEmpty(result.GetValue(estimators)) ?? BenchmarkSettings.DefaultEstimators,
                    NonEmpty(result.GetValue(study)) ?? BenchmarkSettings.DefaultStudyEstimators);
                return Run(settings, Console.Out, Console.Error);
            }
            catch (Exception e) when (e is ArgumentException or TorchNativeLoadException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code (0 success, 1 invalid usage, 2 a reported error).</summary>
    public static Task<int> RunAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>Runs the benchmarks and writes the report.</summary>
    /// <exception cref="ArgumentException">Bad settings (threads below 1, an unknown estimator spec).</exception>
    public static int Run(BenchmarkSettings settings, TextWriter output, TextWriter progress)
    {
        if (settings.Threads < 1) throw new ArgumentException($"--threads must be at least 1, not {settings.Threads}.");
        foreach (var spec in settings.Estimators.Concat(settings.StudyEstimators))
        {
            var estimator = EstimatorCatalog.Default.Create(spec);
            if (estimator.ObjectiveEvaluations is null)
                throw new ArgumentException($"'{spec}' enumerates all C^L states per example; the oracle section times the exact gradient instead.");
        }
        HeapTuning.Apply();   // as the command line does: the library leaves the allocator to the program
        TorchRuntime.EnsureLoaded();
        TorchThreads.Use(settings.Threads, $"--threads {settings.Threads}");   // fixed: the sections time a given count
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;   // numbers in titles and notes: 1,024 and 0.5 everywhere

        using var images = settings.UseMnist ? BenchmarkImages.Mnist() : BenchmarkImages.Synthetic(settings.Seed);
        var environment = RunEnvironment.Capture(settings.Threads, images.Description, settings.Quick);
        var context = new BenchmarkContext(settings, images, progress);
        context.Log("run", environment.Describe());
        var tables = new List<ReportTable>();
        foreach (var section in settings.Sections)
        {
            context.Log("run", $"section {section}");
            var probe = CpuUsageProbe.Start();
            var table = section switch
            {
                BenchmarkSection.Flop => FlopFloorSection.Run(context),
                BenchmarkSection.Steps => TrainingStepSection.Run(context),
                BenchmarkSection.Oracle => ExactOracleSection.Run(context),
                BenchmarkSection.Study => GradientStudySection.Run(context),
                BenchmarkSection.Ensemble => EnsembleSection.Run(context),
                BenchmarkSection.Shared => SharedMachineSection.Run(context),
                BenchmarkSection.Jobs => LocalJobsSection.Run(context),
                _ => throw new ArgumentOutOfRangeException(nameof(settings), section, "Unknown section."),
            };
            if (probe.Stop() is { } usage)
                table.AddNote(string.Create(CultureInfo.InvariantCulture,
                    $"While this section ran, other processes kept {usage.Others:0.00} of the {Environment.ProcessorCount} cores busy on average (this run: {usage.Own:0.00}; from /proc/stat)."));
            tables.Add(table);
        }
        environment.LoadAverageAtEnd = RunEnvironment.ReadLoadAverage();
        var report = new BenchmarkReport(environment, tables);

        switch (settings.Output)
        {
            case ReportFormat.Markdown:
                MarkdownReportWriter.Write(report, output);
                break;
            case ReportFormat.Json:
                JsonReportWriter.Write(report, output);
                break;
            default:
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                if (Console.IsOutputRedirected) console.Profile.Width = 200;
                ConsoleReportWriter.Write(report, console);
                break;
        }
        return 0;
    }

    private static IReadOnlyList<string>? NonEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
