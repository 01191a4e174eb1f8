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
internal sealed class HostAwareMetadataResolver : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver _inner;
    private readonly IReadOnlyDictionary<string, MetadataReference> _hostReferences;

    /// <summary>Wraps a script resolver; <paramref name="hostReferences"/> maps simple assembly names to the host's references.</summary>
    public HostAwareMetadataResolver(ScriptMetadataResolver inner, IReadOnlyDictionary<string, MetadataReference> hostReferences)
    {
        _inner = inner;
        _hostReferences = hostReferences;
    }

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            && _hostReferences.TryGetValue(Path.GetFileNameWithoutExtension(reference), out var host)
            && host is PortableExecutableReference portable)
        {
            return [portable.WithProperties(properties)];
        }
        return _inner.ResolveReference(reference, baseFilePath, properties);
    }

    public override bool ResolveMissingAssemblies => _inner.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) =>
        other is HostAwareMetadataResolver o && o._inner.Equals(_inner) && ReferenceEquals(o._hostReferences, _hostReferences);

    public override int GetHashCode() => HashCode.Combine(_inner, _hostReferences);
}
