using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Loads the kernel extensions that NuGet packages ship in <c>interactive-extensions/dotnet/*.dll</c> when a cell adds the
/// package, as the kernel tool does (its <c>KernelExtensionLoader.UseNuGetExtensions</c>, which the kernel libraries do not
/// include): after each command, every newly added package's extension assemblies are loaded and each
/// <see cref="IKernelExtension"/> they export is created and given the kernel. This is what makes a <c>DataFrame</c> show as
/// a table once <c>Microsoft.Data.Analysis</c> is referenced, and a Plotly.NET chart draw once <c>Plotly.NET.Interactive</c> is.
/// </summary>
internal static class KernelExtensionLoader
{
    /// <summary>Adds the loading step to <paramref name="kernel"/>.</summary>
    public static CompositeKernel UseNuGetExtensions(CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var loaded = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var packageRoot))
            {
                var folder = Path.Combine(packageRoot, "interactive-extensions", "dotnet");
                if (!Directory.Exists(folder)) continue;
                foreach (var file in Directory.GetFiles(folder, "*.dll", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
                {
                    if (!loaded.TryAdd(AssemblyName.GetAssemblyName(file).FullName, true)) continue;
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
                    var extensions = assembly.ExportedTypes.Where(IsExtension).ToList();
                    if (extensions.Count > 0) KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{assembly.Location}`");
                    foreach (var type in extensions)
                    {
                        try
                        {
                            await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
                        }
                        catch (Exception e)
                        {
                            context.Fail(context.Command, e, $"Failed to load kernel extension \"{type.Name}\" from {file}: {e.Message}");
                        }
                    }
                }
            }
        });

        kernel.RegisterForDisposal(kernel.KernelEvents.Subscribe(e =>
        {
            if (e is PackageAdded { PackageReference.PackageRoot: { } root } && seen.TryAdd(root, true)) pending.Enqueue(root);
        }));
        return kernel;
    }

    private static bool IsExtension(Type type) =>
        !type.IsAbstract && !type.IsInterface && !type.IsGenericTypeDefinition && typeof(IKernelExtension).IsAssignableFrom(type);
}
