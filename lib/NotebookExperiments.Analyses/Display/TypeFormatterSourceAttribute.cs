namespace NotebookExperiments.Display;

/// <summary>
/// Names the class that makes a type's notebook formatters. The .NET Interactive kernel looks for an attribute of this name in
/// any namespace (the convention TorchSharp's <c>Tensor</c> uses), so the library renders in notebooks without referencing the
/// kernel. The source class has a parameterless constructor and a <c>CreateTypeFormatters()</c> method returning objects with
/// a <c>string MimeType</c> property and a <c>bool Format(object, TextWriter)</c> method.
/// </summary>
/// <param name="formatterSourceType">The class that makes the formatters.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The class that makes the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types the kernel should prefer for the type, in order.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}
