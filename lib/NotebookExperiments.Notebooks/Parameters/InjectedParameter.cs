namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>An override after conversion: the declaration it overrides, the text given and the typed value.</summary>
/// <param name="Declaration">The parameter as the parameters cell declares it.</param>
/// <param name="Text">The text after <c>name=</c>.</param>
/// <param name="Value">The value converted to <see cref="NotebookParameter.Type"/>.</param>
internal sealed record InjectedParameter(NotebookParameter Declaration, string Text, object Value)
{
    /// <summary>The C# declaration injected for it, e.g. <c>int epochs = 2;</c>.</summary>
    public string CSharpDeclaration => $"{Declaration.Type!.CSharpName} {Declaration.Name} = {Declaration.Type.ToLiteral(Value)};";
}
