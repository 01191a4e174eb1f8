using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>
/// The declared type of a notebook parameter: a scalar (<c>int</c>, <c>long</c>, <c>double</c>, <c>float</c>,
/// <c>decimal</c>, <c>bool</c>, <c>string</c>) or a one-dimensional array of one. Converts the text of a
/// <c>name=value</c> override to that type (invariant culture; arrays as comma-separated items) and back to a C# literal.
/// </summary>
/// <param name="Element">The scalar type (one of <see cref="IsScalar"/>), or the array's element type.</param>
/// <param name="IsArray">Whether the parameter is an array.</param>
internal sealed record ParameterType(Type Element, bool IsArray)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The scalar types: each one's keyword, override parser (null: not a value), C# literal and JSON value.</summary>
    private static readonly Dictionary<Type, Scalar> Scalars = new()
    {
        [typeof(int)] = new("int", t => Number<int>(t, NumberStyles.Integer), v => ((int)v).ToString(Invariant),
            v => JsonValue.Create((int)v)),
        [typeof(long)] = new("long", t => Number<long>(t, NumberStyles.Integer), v => ((long)v).ToString(Invariant) + "L",
            v => JsonValue.Create((long)v)),
        [typeof(double)] = new("double", t => Number<double>(t, NumberStyles.Float), v => Real((double)v, "double", "d"),
            v => Json((double)v)),
        [typeof(float)] = new("float", t => Number<float>(t, NumberStyles.Float), v => Real((float)v, "float", "f"),
            v => Json((float)v)),
        [typeof(decimal)] = new("decimal", t => Number<decimal>(t, NumberStyles.Float), v => ((decimal)v).ToString(Invariant) + "m",
            v => JsonValue.Create((decimal)v)),
        [typeof(bool)] = new("bool", t => bool.TryParse(t.Trim(), out var b) ? b : null, v => (bool)v ? "true" : "false",
            v => JsonValue.Create((bool)v)),
        [typeof(string)] = new("string", t => t, v => SymbolDisplay.FormatLiteral((string)v, quote: true),
            v => JsonValue.Create((string)v)),
    };

    /// <summary>The C# spelling: <c>int</c>, <c>double[]</c>, ….</summary>
    public string CSharpName => Scalars[Element].Keyword + (IsArray ? "[]" : "");

    /// <inheritdoc />
    public override string ToString() => CSharpName;

    /// <summary>Whether <paramref name="type"/> is a scalar type a parameter may have.</summary>
    public static bool IsScalar(Type type) => Scalars.ContainsKey(type);

    /// <summary>The type named by a C# keyword or BCL name (<c>int</c>, <c>Int32</c>, <c>System.Int32</c>), or null.</summary>
    public static Type? ScalarFromName(string name) =>
        Scalars.FirstOrDefault(p => p.Value.Keyword == name || p.Key.Name == name || p.Key.FullName == name).Key;

    /// <summary>Converts override text to this type; false when the text is not a value of it.</summary>
    /// <param name="text">The text after <c>name=</c>; for arrays, items separated by commas (an empty text is an empty array).</param>
    /// <param name="value">The converted value (a boxed scalar, or a typed array).</param>
    public bool TryConvert(string text, out object value)
    {
        var parse = Scalars[Element].Parse;
        value = "";
        if (!IsArray)
        {
            if (parse(text) is not { } scalar) return false;
            value = scalar;
            return true;
        }
        var items = text.Trim().Length == 0 ? [] : text.Split(',');
        var array = Array.CreateInstance(Element, items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            if (parse(items[i].Trim()) is not { } item) return false;
            array.SetValue(item, i);
        }
        value = array;
        return true;
    }

    /// <summary>A C# expression of this type for a converted value (for the injected declarations).</summary>
    public string ToLiteral(object value)
    {
        var scalar = Scalars[Element];
        if (!IsArray) return scalar.Literal(value);
        var items = ((Array)value).Cast<object>().Select(scalar.Literal).ToList();
        return items.Count == 0 ? $"new {scalar.Keyword}[] {{ }}" : $"new {scalar.Keyword}[] {{ {string.Join(", ", items)} }}";
    }

    /// <summary>The value as JSON, for the notebook's <c>papermill.parameters</c> metadata.</summary>
    public JsonNode? ToJson(object value)
    {
        var json = Scalars[Element].Json;
        return IsArray ? new JsonArray(((Array)value).Cast<object>().Select(json).ToArray()) : json(value);
    }

    private sealed record Scalar(string Keyword, Func<string, object?> Parse, Func<object, string> Literal, Func<object, JsonNode?> Json);

    private static object? Number<T>(string text, NumberStyles styles) where T : struct, INumberBase<T> =>
        T.TryParse(text.Trim(), styles, Invariant, out var value) ? value : null;

    /// <summary>A floating-point literal: round-trip digits and the suffix, or the type's NaN and infinity constants.</summary>
    private static string Real<T>(T value, string keyword, string suffix) where T : struct, IFloatingPointIeee754<T> =>
        T.IsNaN(value) ? keyword + ".NaN"
        : T.IsPositiveInfinity(value) ? keyword + ".PositiveInfinity"
        : T.IsNegativeInfinity(value) ? keyword + ".NegativeInfinity"
        : value.ToString("R", Invariant) + suffix;

    /// <summary>A floating-point value as a JSON number (a <c>float</c> widened to double), or NaN and infinities as strings.</summary>
    private static JsonNode Json(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(Invariant));
}
