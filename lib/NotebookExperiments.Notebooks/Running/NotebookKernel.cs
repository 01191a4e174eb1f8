using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// The .NET Interactive C# kernel as the kernel tool composes it for VS Code and Jupyter (<c>Microsoft.dotnet-interactive</c>,
/// its <c>KernelBuilder</c>): a composite kernel whose C# kernel has the <c>#r "nuget: …"</c>/<c>#i</c> directives (restored
/// packages become references), the kernel helpers (<c>display</c>, <c>HTML</c>, …), <c>#!who</c> and value sharing, and
/// which loads the extensions NuGet packages carry in <c>interactive-extensions/dotnet</c> (the DataFrame and Plotly.NET
/// formatters) once a package is added (<see cref="KernelExtensionLoader"/>).
/// </summary>
/// <remarks>
/// Only the C# kernel is hosted; a cell for another kernel (<c>#!fsharp</c>, <c>#!pwsh</c>, …) is refused before the run.
/// The formatter settings are the kernel's defaults, as under Jupyter: values as <c>text/html</c>, strings as <c>text/plain</c>.
/// </remarks>
internal static class NotebookKernel
{
    /// <summary>A new kernel; dispose it when the notebook is done.</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel { { csharp, ["c#", "C#"] } };
        composite.DefaultKernelName = DotNetNotebookMetadata.CSharpKernelName;
        KernelExtensionLoader.UseNuGetExtensions(composite);
        return composite;
    }

    /// <summary>The C# kernel inside a kernel made by <see cref="Create"/>.</summary>
    public static CSharpKernel CSharpOf(CompositeKernel kernel) =>
        kernel.ChildKernels.OfType<CSharpKernel>().Single();
}
