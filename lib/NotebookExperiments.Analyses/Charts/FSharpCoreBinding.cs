using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace NotebookExperiments.Charts;

/// <summary>
/// Lets Plotly.NET run in a process that has already loaded an older FSharp.Core of the same major version: a request for
/// <c>FSharp.Core</c> that the runtime cannot satisfy is answered with the FSharp.Core already loaded.
/// </summary>
/// <remarks>
/// <para>Why: the .NET Interactive kernel (the <c>Microsoft.dotnet-interactive</c> tool 1.0.712001, what VS Code and Jupyter
/// run) ships and loads FSharp.Core 10.0.0.0, while Plotly.NET 6.0.0 is compiled against 10.1.0.0 (through DynamicObj 8).
/// A second FSharp.Core cannot be loaded beside the first, so without an answer every chart fails with
/// <c>FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'</c> at its first Plotly.NET
/// call (for instance <c>Plotly.NET.Color.fromHex</c>). Every figure builder of this library runs in that kernel in the
/// notebook tests, so a member that exists only in 10.1 would show there.</para>
/// <para>What it changes: one handler on <see cref="AssemblyLoadContext.Resolving"/> of the default context and of this
/// assembly's context. It answers only requests for <c>FSharp.Core</c>, only after the runtime's own probing failed, and only
/// with an FSharp.Core that is already loaded and has the same major version as the one requested; any other request is left
/// to the next handler. A process that can load the requested FSharp.Core (the command line, the tests) never calls it.
/// It is installed when this assembly is first used (a module initializer), so it is in place before any figure is built.</para>
/// </remarks>
public static class FSharpCoreBinding
{
    private const string AssemblyName = "FSharp.Core";
    private static int _installed;

    /// <summary>Installs the handler once per process; later calls do nothing. Called by the module initializer.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
        var own = AssemblyLoadContext.GetLoadContext(typeof(FSharpCoreBinding).Assembly);
        if (own is not null && own != AssemblyLoadContext.Default) own.Resolving += Resolve;
    }

    /// <summary>
    /// The FSharp.Core to hand out for <paramref name="requested"/>: the highest version already loaded in this process with
    /// the same major version, or null when the request is not for FSharp.Core or none such is loaded.
    /// </summary>
    public static Assembly? FindLoaded(AssemblyName requested)
    {
        if (!string.Equals(requested.Name, AssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, AssemblyName, StringComparison.OrdinalIgnoreCase))
            .Where(a => requested.Version is null || a.GetName().Version?.Major == requested.Version.Major)
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested) => FindLoaded(requested);

#pragma warning disable CA2255 // A module initializer in a library: the handler must be in place before the first chart.
    [ModuleInitializer]
    internal static void InstallOnLoad() => Install();
#pragma warning restore CA2255
}
