using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace NotebookExperiments.Notebooks.Running;

/// <summary>
/// Resolves <c>#r "path/Name.dll"</c> like Roslyn's script resolver (relative to the notebook's folder), except that a
/// file named after an assembly the host provides resolves to the host's copy. So a notebook's
/// <c>#r "../lib/bin/Release/net10.0/NotebookExperiments.dll"</c> works whichever configuration the host was built in,
/// and never loads a second copy of the library.
/// </summary>
internal sealed class HostAwareMetadataResolver(ScriptMetadataResolver inner, IReadOnlyDictionary<string, MetadataReference> hostReferences)
    : MetadataReferenceResolver
{
    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            && hostReferences.TryGetValue(Path.GetFileNameWithoutExtension(reference), out var host)
            && host is PortableExecutableReference portable)
        {
            return [portable.WithProperties(properties)];
        }
        return inner.ResolveReference(reference, baseFilePath, properties);
    }

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) =>
        other is HostAwareMetadataResolver o && o.Inner.Equals(inner) && ReferenceEquals(o.HostReferences, hostReferences);

    public override int GetHashCode() => HashCode.Combine(inner, hostReferences);

    private ScriptMetadataResolver Inner => inner;

    private IReadOnlyDictionary<string, MetadataReference> HostReferences => hostReferences;
}
