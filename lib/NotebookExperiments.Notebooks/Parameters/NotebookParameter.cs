namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>A variable declared in a notebook's <c>parameters</c> cell, such as <c>int epochs = 5;</c>.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="TypeName">The type as written (<c>var</c> included).</param>
/// <param name="Type">The type an override is converted to (inferred from the initializer for <c>var</c>); null when it is not one that can be injected.</param>
/// <param name="DefaultExpression">The initializer as written, or empty.</param>
internal sealed record NotebookParameter(string Name, string TypeName, ParameterType? Type, string DefaultExpression)
{
    /// <summary>The type for messages: the injectable type, or the declared name when it cannot be injected.</summary>
    public string DisplayType => Type?.CSharpName ?? TypeName;
}
