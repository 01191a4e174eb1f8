using System.CommandLine;
using System.Text.Json;
using NotebookExperiments.Estimators;
using Spectre.Console;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>estimators</c>: lists every estimator of the catalogue with its parameters and defaults.</summary>
internal static class EstimatorsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("estimators", "List every estimator with its parameters and defaults.") { json };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var definitions = EstimatorCatalog.Default.Definitions;
            if (result.GetValue(json))
            {
                var rows = definitions.Select(d => new
                {
                    name = d.Name,
                    title = d.Title,
                    source = d.Source,
                    temperature = d.TemperatureParameter,
                    parameters = d.Parameters.Select(p => new
                    {
                        name = p.Name,
                        kind = p.Kind.ToString().ToLowerInvariant(),
                        @default = p.Kind == ParameterKind.Choice ? (object)p.DefaultText : p.Default,
                        accepted = p.Accepted,
                        description = p.Description,
                    }),
                });
                Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().AddColumns("name", "paper name", "parameters (defaults)", "temperature", "source");
            foreach (var d in definitions)
            {
                table.AddRow(
                    Markup.Escape(d.Name),
                    Markup.Escape(d.Title),
                    Markup.Escape(d.Parameters.Count == 0 ? "—" : string.Join(", ", d.Parameters.Select(p => $"{p.Name}={p.DefaultText} ({p.Description})"))),
                    Markup.Escape(d.TemperatureParameter ?? "—"),
                    Markup.Escape(d.Source));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Spec strings: [bold]name[[:key=value,...]][/], e.g. reinmax-rk2:beta=0.55,tau=1 or reinmax-cv:cv=forward");
            return 0;
        }));
        return command;
    }
}
