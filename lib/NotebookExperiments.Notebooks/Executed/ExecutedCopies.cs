using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks.Jupyter;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// The executed copies of the notebooks (<c>notebooks/executed/</c>), so that a reader sees every table and figure without
/// running anything: each notebook is executed in the real kernel under Jupyter's executor (<see cref="JupyterKernel"/>) at
/// its default preset, with its results folder pointed at a temporary folder (never the user's <c>results/</c>), its charts
/// drawn as images (<see cref="ChartImages"/>), and written in canonical form beside a <see cref="ExecutedManifest"/>.
/// </summary>
/// <remarks>
/// A copy reads as its notebook does: the results folder is injected as papermill injects parameters, and the injected cell is
/// removed afterwards (or keeps only the other overrides, when some were given); the temporary folder in the outputs reads as
/// <c>results/</c>, and the repository's and the home folder's paths are written relative to them; the timing metadata Jupyter
/// records per cell is dropped and execution counts are renumbered, so regenerating unchanged notebooks changes little.
/// </remarks>
internal static class ExecutedCopies
{
    /// <summary>Executes the chosen notebooks and writes their copies and the manifest, one notebook after another.</summary>
    /// <returns>The manifest entries written, by notebook file name.</returns>
    /// <exception cref="NotebookException">A notebook is missing, a parameter is wrong, a cell failed (named, with its error; that
    /// notebook's copy is not written) or a chart could not be drawn.</exception>
    public static IReadOnlyDictionary<string, ExecutedManifestEntry> Render(ExecutedCopyOptions options, JupyterKernel kernel, IProgress<string>? progress = null)
    {
        var names = ChosenNotebooks(options);
        var manifest = ExecutedManifest.Read(options.OutputDirectory);
        manifest.Command = options.Command;
        var written = new Dictionary<string, ExecutedManifestEntry>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            progress?.Report($"{name}: executing in the kernel...");
            var (copy, entry) = RenderOne(options, kernel, name);
            NotebookFile.Write(copy, Path.Combine(options.OutputDirectory, name));
            manifest.Notebooks[name] = entry;
            manifest.Write(options.OutputDirectory);
            written[name] = entry;
            progress?.Report($"{name}: executed in {entry.Seconds:F0} s, {entry.Charts} chart(s) drawn as images");
        }
        return written;
    }

    /// <summary>The file names of the notebooks <paramref name="options"/> choose (all of the folder when it names none).</summary>
    /// <exception cref="NotebookException">A notebook named is not in the folder.</exception>
    public static IReadOnlyList<string> ChosenNotebooks(ExecutedCopyOptions options)
    {
        var names = options.Notebooks.Count > 0
            ? options.Notebooks.Select(Path.GetFileName).OfType<string>().ToList()
            : SourceNotebooks(options.NotebooksDirectory).ToList();
        foreach (var name in names)
            if (!File.Exists(Path.Combine(options.NotebooksDirectory, name)))
                throw new NotebookException($"No notebook {name} in {options.NotebooksDirectory}.");
        return names;
    }

    /// <summary>The notebooks of a folder, by file name in order.</summary>
    public static IEnumerable<string> SourceNotebooks(string notebooksDirectory) =>
        Directory.EnumerateFiles(notebooksDirectory, "*.ipynb").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>
    /// What is wrong with the executed copies of <paramref name="notebooksDirectory"/>'s notebooks in
    /// <paramref name="executedDirectory"/>: a copy or manifest entry missing, a notebook changed since its copy was made, an
    /// error output, a chart without its image. Empty when the copies are current.
    /// </summary>
    public static IReadOnlyList<string> Problems(string notebooksDirectory, string executedDirectory)
    {
        var problems = new List<string>();
        var manifest = ExecutedManifest.Read(executedDirectory);
        foreach (var name in SourceNotebooks(notebooksDirectory))
        {
            var path = Path.Combine(executedDirectory, name);
            if (!manifest.Notebooks.TryGetValue(name, out var entry)) { problems.Add($"{name}: not in {ExecutedManifest.FileName}"); continue; }
            if (!File.Exists(path)) { problems.Add($"{name}: no executed copy"); continue; }
            if (entry.SourceSha256 != SourceDigest.OfFile(Path.Combine(notebooksDirectory, name)))
                problems.Add($"{name}: the notebook changed since its executed copy was made");
            var copy = NotebookFile.Read(path);
            var outputs = copy.Elements.Select((c, i) => (Cell: i + 1, c.Outputs)).SelectMany(c => c.Outputs.Select(o => (c.Cell, Output: o))).ToList();
            foreach (var (cell, output) in outputs)
                if (output is ErrorElement error) problems.Add($"{name}: cell {cell} has an error output ({error.ErrorName}: {error.ErrorValue})");
            foreach (var (cell, _) in outputs.Where(o => ChartImages.IsChart(o.Output) && !ChartImages.HasImage(o.Output)))
                problems.Add($"{name}: cell {cell} has a chart without its image");
            int images = outputs.Count(o => ChartImages.HasImage(o.Output));
            if (images < entry.Charts) problems.Add($"{name}: {images} image(s) for {entry.Charts} chart(s)");
        }
        foreach (var name in manifest.Notebooks.Keys.Where(n => !File.Exists(Path.Combine(notebooksDirectory, n))))
            problems.Add($"{name}: in {ExecutedManifest.FileName} but no longer in {Path.GetFileName(Path.TrimEndingDirectorySeparator(notebooksDirectory))}/");
        return problems;
    }

    private static (InteractiveDocument Copy, ExecutedManifestEntry Entry) RenderOne(ExecutedCopyOptions options, JupyterKernel kernel, string name)
    {
        var source = NotebookFile.Read(Path.Combine(options.NotebooksDirectory, name));
        var declared = ParametersCell.Find(source)?.Parameters ?? [];
        var results = Directory.CreateTempSubdirectory("executed-notebook-").FullName;
        try
        {
            // The copy shows only the overrides given; the kernel also gets the temporary results folder, named as the
            // notebook's own (…/beta-sweep), so that what the outputs say about it reads the same.
            var readable = source.Clone();
            ParameterInjection.Inject(readable, options.Parameters);
            var executing = source.Clone();
            var folder = declared.FirstOrDefault(p => p.Name == options.OutputParameter) is { } output
                ? Path.GetFileName(Unquote(output.DefaultExpression)) is { Length: > 0 } last ? last : "results"
                : throw new NotebookException($"{name} declares no '{options.OutputParameter}' parameter, so its results cannot be sent to a temporary folder.");
            ParameterInjection.Inject(executing, new Dictionary<string, string>(options.Parameters) { [options.OutputParameter] = Path.Combine(results, folder) });

            var clock = Stopwatch.StartNew();
            var executed = kernel.Execute(executing, options.NotebooksDirectory, options.Timeout);
            clock.Stop();

            var errors = executed.Elements.Select((c, i) => (Cell: i + 1, c.Outputs))
                .SelectMany(c => c.Outputs.OfType<ErrorElement>().Select(o => $"cell {c.Cell}: {o.ErrorName}: {o.ErrorValue}"))
                .ToList();
            if (errors.Count > 0) throw new NotebookException($"{name} failed in the kernel, so its copy was not written: {string.Join("; ", errors)}");

            var copy = Tidy(executed, readable);
            ReplacePaths(copy, [
                (results, Path.Combine(Path.GetFullPath(Path.Combine(options.NotebooksDirectory, "..")), "results")),
                (Path.GetFullPath(Path.Combine(options.NotebooksDirectory, "..")), "."),
                (kernel.HomeDirectory, "~"),
                (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~"),
            ]);
            int charts = ChartImages.Render(copy, options.KeepInteractiveCharts);

            var preset = options.Parameters.TryGetValue("preset", out var given) ? given
                : declared.FirstOrDefault(p => p.Name == "preset") is { } p ? Unquote(p.DefaultExpression) : "";
            var overrides = new SortedDictionary<string, string>(options.Parameters.ToDictionary(), StringComparer.Ordinal);
            var entry = new ExecutedManifestEntry(SourceDigest.OfFile(Path.Combine(options.NotebooksDirectory, name)), preset, overrides, options.ResultsRevision,
                DateTimeOffset.UtcNow, Math.Round(clock.Elapsed.TotalSeconds, 1), charts);
            return (copy, entry);
        }
        finally
        {
            try { Directory.Delete(results, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>
    /// The executed notebook as its copy: the injected cell as in <paramref name="readable"/> (removed when it has none), and
    /// papermill's record of the parameters likewise; no per-cell timing metadata; execution counts 1, 2, … in order.
    /// </summary>
    private static InteractiveDocument Tidy(InteractiveDocument executed, InteractiveDocument readable)
    {
        var copy = executed.Clone();
        int injected = copy.IndexOfTag(ParameterInjection.InjectedTag);
        int wanted = readable.IndexOfTag(ParameterInjection.InjectedTag);
        if (injected >= 0)
        {
            if (wanted >= 0) copy.Elements[injected].Contents = readable.Elements[wanted].Contents;
            else copy.Elements.RemoveAt(injected);
        }
        if (readable.Metadata.TryGetValue("papermill", out var papermill)) copy.Metadata["papermill"] = papermill;
        else copy.Metadata.Remove("papermill");

        int count = 0;
        foreach (var cell in copy.Elements)
        {
            cell.Metadata?.Remove("execution");
            if (cell.ExecutionOrder == 0) continue;
            cell.ExecutionOrder = ++count;
            foreach (var output in cell.Outputs.OfType<ReturnValueElement>()) output.ExecutionOrder = count;
        }
        return copy;
    }

    /// <summary>Replaces machine paths (each "from", then its subfolders) in every text the outputs hold.</summary>
    private static void ReplacePaths(InteractiveDocument notebook, IReadOnlyList<(string From, string To)> replacements)
    {
        string Replace(string text)
        {
            foreach (var (from, to) in replacements)
            {
                var prefix = Path.TrimEndingDirectorySeparator(from);
                if (prefix.Length < 2) continue;
                text = text.Replace(prefix + Path.DirectorySeparatorChar, to + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                           .Replace(prefix, to, StringComparison.Ordinal);
            }
            return text;
        }

        foreach (var cell in notebook.Elements)
        {
            for (int i = 0; i < cell.Outputs.Count; i++)
            {
                var output = cell.Outputs[i];
                cell.Outputs[i] = output switch
                {
                    TextElement stream => new TextElement(Replace(stream.Text), stream.Name),
                    ErrorElement error => new ErrorElement(Replace(error.ErrorValue), error.ErrorName, error.StackTrace.Select(Replace).ToArray()),
                    _ => output,
                };
                if (output.MimeData is not { } data) continue;
                foreach (var mime in data.Keys.ToList())
                    if (output.GetText(mime) is { } text) data[mime] = Replace(text);
            }
        }
    }

    /// <summary>A C# string literal's value (a regular or verbatim literal without escapes beyond quotes); other text as it is.</summary>
    private static string Unquote(string expression)
    {
        var e = expression.Trim();
        if (e.StartsWith("@\"", StringComparison.Ordinal) && e.EndsWith('"')) return e[2..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        if (e.Length >= 2 && e[0] == '"' && e[^1] == '"') return System.Text.RegularExpressions.Regex.Unescape(e[1..^1]);
        return e;
    }
}
