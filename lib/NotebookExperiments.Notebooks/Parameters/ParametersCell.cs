using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>
/// Reads the declarations of a <c>parameters</c> cell with Roslyn: top-level <c>int epochs = 5;</c>,
/// <c>string preset = "quick";</c>, <c>double[] taus = { 0.5, 1.0 };</c>, <c>var n = 3;</c> (the type is inferred
/// from a literal or array initializer). Other statements in the cell are ignored.
/// </summary>
internal static class ParametersCell
{
    /// <summary>The tag of the cell that declares a notebook's parameters (papermill's convention).</summary>
    public const string Tag = "parameters";

    /// <summary>The declarations of a parameters cell's source, in order.</summary>
    public static IReadOnlyList<NotebookParameter> Parse(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetCompilationUnitRoot();
        var parameters = new List<NotebookParameter>();
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var variable in declaration.Variables)
            {
                var initializer = variable.Initializer?.Value;
                var type = declaration.Type.IsVar ? Infer(initializer) : FromSyntax(declaration.Type);
                parameters.Add(new NotebookParameter(variable.Identifier.ValueText, declaration.Type.ToString(), type, initializer?.ToString() ?? ""));
            }
        }
        return parameters;
    }

    /// <summary>The declarations of the first cell tagged <see cref="Tag"/>, with its 0-based index; null when there is none.</summary>
    public static (int CellIndex, IReadOnlyList<NotebookParameter> Parameters)? Find(InteractiveDocument notebook)
    {
        int index = notebook.IndexOfTag(Tag);
        return index < 0 ? null : (index, Parse(notebook.Elements[index].Contents));
    }

    private static ParameterType? FromSyntax(TypeSyntax type) => type switch
    {
        ArrayTypeSyntax { RankSpecifiers.Count: 1 } array when array.RankSpecifiers[0].Rank == 1 && Scalar(array.ElementType) is { } element
            => new ParameterType(element, IsArray: true),
        ArrayTypeSyntax => null,
        _ when Scalar(type) is { } scalar => new ParameterType(scalar, IsArray: false),
        _ => null,
    };

    private static Type? Scalar(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax or IdentifierNameSyntax or QualifiedNameSyntax => ParameterType.ScalarFromName(type.ToString()),
        _ => null,
    };

    private static ParameterType? Infer(ExpressionSyntax? expression) => expression switch
    {
        ImplicitArrayCreationExpressionSyntax implicitArray when CommonScalar(implicitArray.Initializer.Expressions) is { } element
            => new ParameterType(element, IsArray: true),
        ArrayCreationExpressionSyntax array => FromSyntax(array.Type),
        _ when InferScalar(expression) is { } scalar => new ParameterType(scalar, IsArray: false),
        _ => null,
    };

    private static Type? CommonScalar(IEnumerable<ExpressionSyntax> items)
    {
        var types = items.Select(InferScalar).ToList();
        if (types.Count == 0 || types.Any(t => t is null)) return null;
        if (types.Distinct().Count() == 1) return types[0];
        // C#'s best common type among numeric literals: widen int → long → float → double.
        Type[] widening = [typeof(int), typeof(long), typeof(float), typeof(double)];
        if (types.All(t => widening.Contains(t))) return types.MaxBy(t => Array.IndexOf(widening, t));
        return null;
    }

    private static Type? InferScalar(ExpressionSyntax? expression) => expression switch
    {
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression or (int)SyntaxKind.UnaryPlusExpression } unary => InferScalar(unary.Operand),
        ParenthesizedExpressionSyntax parenthesized => InferScalar(parenthesized.Expression),
        InterpolatedStringExpressionSyntax => typeof(string),
        LiteralExpressionSyntax { Token.Value: { } value } when ParameterType.IsScalar(value.GetType()) => value.GetType(),
        _ => null,
    };
}
