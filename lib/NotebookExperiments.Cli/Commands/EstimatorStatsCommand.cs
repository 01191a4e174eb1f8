using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using Spectre.Console;
using TorchSharp;
using Columns = NotebookExperiments.Analyses.Columns;

namespace NotebookExperiments.Cli.Commands;

/// <summary>
/// <c>estimator-stats</c>: N estimates of one or more estimators on a synthetic objective, compared with the exact gradient
/// (cosine, relative std, MSE, exact norm).
/// </summary>
internal static class EstimatorStatsCommand
{
    public static Command Create()
    {
        var estimators = new Option<string[]>("--estimator", "-e")
        {
            Description = "Estimator spec, e.g. reinmax-rk2:beta=0.55 (repeatable), or 'all' for every estimator at its defaults.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var categories = new Option<int>("--categories", "-C") { Description = "Classes per variable C.", DefaultValueFactory = _ => 8 };
        var latents = new Option<int>("--latents", "-L") { Description = "Number of variables L.", DefaultValueFactory = _ => 4 };
        var objective = new Option<string>("--objective")
        {
            Description = "Synthetic objective: linear, quadratic or mlp (seeded random coefficients).",
            DefaultValueFactory = _ => "quadratic",
        };
        objective.AcceptOnlyFromAmong("linear", "quadratic", "mlp");
        var samples = new Option<int>("--samples", "-n") { Description = "Number of estimates N.", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "Independent problems (rows of logits) sharing the objective.", DefaultValueFactory = _ => 1 };
        var seed = new Option<long>("--seed") { Description = "Seed of the objective, the logits and every draw.", DefaultValueFactory = _ => 0 };
        var scale = new Option<double>("--logit-scale") { Description = "Standard deviation of the random logits.", DefaultValueFactory = _ => 1.0 };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var json = CommonOptions.Json();

        var command = new Command("estimator-stats", "Compare N estimates of estimators with the exact gradient on a synthetic objective.")
        {
            estimators, categories, latents, objective, samples, batch, seed, scale, device, threads, json,
        };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var dev = CommonOptions.Initialise(result.GetValue(device)!, result.GetValue(threads));
            var specs = ExpandSpecs(result.GetValue(estimators)!);
            var resolved = specs.Select(EstimatorCatalog.Default.Create).ToList();
            int n = result.GetValue(samples), b = result.GetValue(batch);
            if (n < 2) throw new ArgumentException($"--samples must be at least 2, not {n}.");
            if (b < 1) throw new ArgumentException($"--batch must be at least 1, not {b}.");
            var options = new SyntheticStudy(
                SyntheticObjective.ParseKind(result.GetValue(objective)!), result.GetValue(categories), result.GetValue(latents),
                n, b, result.GetValue(seed), result.GetValue(scale)) { Device = dev };
            options.Validate();

            var rows = new List<GradientStatistics>();
            bool asJson = result.GetValue(json);
            if (asJson || resolved.Count == 1)
            {
                rows.AddRange(resolved.Select(options.Measure));
            }
            else
            {
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("estimators", maxValue: resolved.Count);
                        foreach (var estimator in resolved)
                        {
                            task.Description = estimator.Spec;
                            rows.Add(options.Measure(estimator));
                            task.Increment(1);
                        }
                        task.Description = "estimators";
                    });
            }

            if (asJson)
            {
                foreach (var row in rows) Console.WriteLine(JsonSerializer.Serialize(ToJson(options, row)));
                return 0;
            }
            var table = new Table()
                .Title($"{options.Kind.ToString().ToLowerInvariant()} objective, C={options.Categories}, L={options.Latents}, batch {options.Batch}, {n} estimates, seed {options.Seed}")
                .AddColumns(Columns.Estimator, Columns.Samples, Columns.Cosine, Columns.RelativeStd, Columns.Mse, Columns.ExactNorm);
            foreach (var r in rows)
                table.AddRow(Markup.Escape(r.Estimator), r.Samples.ToString(CultureInfo.InvariantCulture), F(r.Cosine), F(r.RelativeStd), F(r.Mse), F(r.ExactNorm));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static string F(double x) => x.ToString("G5", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> ExpandSpecs(string[] specs) =>
        specs.SelectMany(s => s.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? EstimatorCatalog.Default.Definitions.Select(d => d.Name)
            : [s]).ToList();

    private static Dictionary<string, object> ToJson(SyntheticStudy study, GradientStatistics r) => new()
    {
        [Columns.Estimator] = r.Estimator,
        [Columns.Samples] = r.Samples,
        [Columns.Cosine] = r.Cosine,
        [Columns.RelativeStd] = r.RelativeStd,
        [Columns.Mse] = r.Mse,
        [Columns.ExactNorm] = r.ExactNorm,
        [Columns.MeanNorm] = r.MeanNorm,
        ["objective"] = study.Kind.ToString().ToLowerInvariant(),
        ["categories"] = study.Categories,
        ["latents"] = study.Latents,
        ["batch"] = study.Batch,
        [Columns.Seed] = study.Seed,
    };
}
