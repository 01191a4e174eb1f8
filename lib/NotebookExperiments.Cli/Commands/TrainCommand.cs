using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NotebookExperiments.Data;
using NotebookExperiments.Models;
using NotebookExperiments.Training;
using Spectre.Console;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>train</c>: trains one categorical VAE on MNIST with one estimator; writes per-epoch metrics (CSV), checkpoints and a
/// JSON summary, and resumes from the latest checkpoint with <c>--resume</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "VAE configuration CxL: 8x4, 4x24, 8x16, 16x12, 64x8, 10x30, ...", DefaultValueFactory = _ => "8x4" };
        var estimator = new Option<string>("--estimator", "-e") { Description = "Estimator spec, e.g. reinmax:tau=1.3.", Required = true };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or radam.", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "radam");
        var lr = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 5e-4 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 1 };
        var seed = new Option<long>("--seed") { Description = "Seed of the initialisation, data order and every draw.", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Examples per step.", DefaultValueFactory = _ => 100 };
        var trainSize = new Option<int?>("--train-size") { Description = "Use only the first N training images (quick runs)." };
        var binarize = new Option<bool>("--binarize") { Description = "Dynamic binarisation: Bernoulli pixels drawn per batch." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Epochs after which to write checkpoints, e.g. 1,5,10 (default: every epoch)." };
        var output = new Option<string?>("--out") { Description = "Output folder (default: results/train/<config>-<estimator>-seed<S>)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the latest checkpoint in the output folder." };
        var dataDir = new Option<string?>("--data-dir") { Description = "MNIST folder (default: data/mnist; fetched when missing)." };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();

        var command = new Command("train", "Train a categorical VAE on MNIST with one estimator.")
        {
            config, estimator, optimizer, lr, epochs, seed, batch, trainSize, binarize, checkpoints, output, resume, dataDir, device, threads, json,
        };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var dev = CommonOptions.Initialise(result.GetValue(device)!, result.GetValue(threads));
            var configuration = VaeConfiguration.Parse(result.GetValue(config)!);
            int epochCount = result.GetValue(epochs);
            var member = new TrainingMember(result.GetValue(estimator)!, result.GetValue(lr), result.GetValue(seed));
            var spec = NotebookExperiments.Estimators.EstimatorCatalog.Default.Create(member.Estimator).Spec;
            var options = new TrainingOptions(configuration,
                result.GetValue(optimizer) == "radam" ? OptimizerKind.RAdam : OptimizerKind.Adam,
                epochCount, result.GetValue(batch), result.GetValue(trainSize), result.GetValue(binarize))
            {
                CheckpointEpochs = ParseEpochs(result.GetValue(checkpoints), epochCount),
                Device = dev,
            };
            options.Validate();
            var outDir = result.GetValue(output) ?? DefaultOutput(configuration, spec, member.Seed);
            bool quiet = result.GetValue(json);

            using var data = TrainingData.LoadMnist(result.GetValue(dataDir), quiet ? null : new SynchronousProgress<string>(Console.WriteLine));

            IReadOnlyList<MemberResult> results = quiet
                ? TrainingSession.Run(options, [member], data, outDir, result.GetValue(resume))
                : RunWithProgress(options, member, data, outDir, result.GetValue(resume), spec);
            var summary = TrainingSession.Summaries(options, results)[0];
            if (quiet)
            {
                Console.WriteLine(JsonSerializer.Serialize(summary, Checkpoint.JsonOptions));
                return 0;
            }
            var table = new Table().Title($"{configuration.Name}, {spec}, {options.Optimizer} lr {member.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {member.Seed}")
                .AddColumns("epoch", "train −ELBO", "test −ELBO", "seconds");
            foreach (var h in results[0].History)
                table.AddRow(h.Epoch.ToString(CultureInfo.InvariantCulture), F(h.TrainLoss), h.TestLoss is double t ? F(t) : "—", h.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            Console.WriteLine(summary.Diverged
                ? $"Diverged at epoch {summary.DivergedAtEpoch}. Files in {outDir}."
                : $"Final train −ELBO {F(summary.FinalTrainElbo!.Value)}, test −ELBO {F(summary.FinalTestElbo!.Value)}. Files in {outDir}.");
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<MemberResult> RunWithProgress(TrainingOptions options, TrainingMember member, TrainingData data, string outDir, bool resume, string spec)
    {
        IReadOnlyList<MemberResult> results = [];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{spec}: epoch 1/{options.Epochs}", maxValue: options.Epochs);
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    task.Value = p.Epoch - 1 + (double)p.Batch / p.Batches;
                    task.Description = p.Finished is { Count: > 0 } f
                        ? $"{spec}: epoch {p.Epoch}/{p.Epochs}, train −ELBO {F(f[0].TrainLoss)}"
                        : $"{spec}: epoch {p.Epoch}/{p.Epochs}";
                });
                results = TrainingSession.Run(options, [member], data, outDir, resume, progress);
                task.Value = options.Epochs;
            });
        return results;
    }

    private static IReadOnlyList<int> ParseEpochs(string? text, int epochs)
    {
        if (string.IsNullOrWhiteSpace(text)) return Enumerable.Range(1, epochs).ToList();
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--checkpoints: '{text}' is not a comma-separated list of epochs, e.g. 1,5,10.");
        }
    }

    private static string DefaultOutput(VaeConfiguration configuration, string spec, long seed)
    {
        var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
        var safe = string.Concat(spec.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '=' ? c : '_'));
        return Path.Combine(root, "results", "train", $"{configuration.Name}-{safe}-seed{seed}");
    }

    private static string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
}
