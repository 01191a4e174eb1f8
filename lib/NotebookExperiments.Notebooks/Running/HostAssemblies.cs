using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;
using NotebookExperiments.Native;
using Plotly.NET;
using TorchSharp;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The assemblies a notebook's cells compile against and share with the program running them: the packages notebooks
/// pin (TorchSharp, Plotly.NET, Plotly.NET.CSharp, Microsoft.Data.Analysis), this repository's library, and the
/// non-framework assemblies they depend on directly (FSharp.Core, DynamicObj, …). Because the cells get the host's
/// loaded copies, a notebook's <c>#r "nuget: …"</c> needs no restore and its <c>#r "…/NotebookExperiments.dll"</c>
/// shares static state with the host.
/// </summary>
public static class HostAssemblies
{
    /// <summary>The assemblies that stand for the pinned packages and the library.</summary>
    public static IReadOnlyList<Assembly> Roots { get; } =
    [
        typeof(torch).Assembly,
        typeof(GenericChart).Assembly,
        typeof(Plotly.NET.CSharp.Chart).Assembly,
        typeof(DataFrame).Assembly,
        typeof(TorchRuntime).Assembly,
    ];

    /// <summary>
    /// The files of the shared framework the host runs on (all of it, as a project's framework reference gives a
    /// program): cells may use <c>System.Linq</c>, <c>System.Text.Json</c> and the rest without a <c>#r</c>.
    /// </summary>
    public static IReadOnlyList<string> FrameworkFiles()
    {
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(f => Path.GetFullPath(f).StartsWith(runtimeDirectory, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>
    /// <see cref="Roots"/> and <paramref name="additional"/>, plus their direct non-framework dependencies, each once,
    /// and this assembly (for <see cref="NotebookGlobals"/> and the rendering helpers, without its compiler dependencies).
    /// </summary>
    public static IReadOnlyList<Assembly> Collect(IEnumerable<Assembly>? additional = null)
    {
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var result = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        void Add(Assembly assembly)
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) return;
            if (Path.GetFullPath(assembly.Location).StartsWith(runtimeDirectory, StringComparison.Ordinal)) return;
            result.TryAdd(assembly.GetName().Name!, assembly);
        }
        var roots = Roots.Concat(additional ?? []).ToList();
        foreach (var root in roots) Add(root);
        Add(typeof(NotebookGlobals).Assembly);
        foreach (var root in roots)
        {
            foreach (var name in root.GetReferencedAssemblies())
            {
                if (result.ContainsKey(name.Name!)) continue;
                try
                {
                    Add(Assembly.Load(name));
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A dependency the host does not ship: the cells can do without it unless they use it.
                }
            }
        }
        return result.Values.ToList();
    }
}
