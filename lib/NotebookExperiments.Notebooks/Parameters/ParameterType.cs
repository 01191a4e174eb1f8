using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>
/// The declared type of a notebook parameter: a scalar (<c>int</c>, <c>long</c>, <c>double</c>, <c>float</c>,
/// <c>decimal</c>, <c>bool</c>, <c>string</c>) or a one-dimensional array of one. Converts the text of a
/// <c>name=value</c> override to that type (invariant culture; arrays as comma-separated items) and back to a C# literal.
/// </summary>
/// <param name="Element">The scalar type, or the array's element type.</param>
/// <param name="IsArray">Whether the parameter is an array.</param>
internal sealed record ParameterType(ParameterScalarType Element, bool IsArray)
{
    /// <summary>The C# spelling: <c>int</c>, <c>double[]</c>, ….</summary>
    public string CSharpName => Keyword(Element) + (IsArray ? "[]" : "");

    /// <inheritdoc />
    public override string ToString() => CSharpName;

    /// <summary>The type named by a C# keyword or BCL name (<c>int</c>, <c>Int32</c>, <c>System.Int32</c>), or null.</summary>
    public static ParameterScalarType? ScalarFromName(string name) => name.StartsWith("System.", StringComparison.Ordinal) ? ScalarFromName(name["System.".Length..]) : name switch
    {
        "int" or "Int32" => ParameterScalarType.Int32,
        "long" or "Int64" => ParameterScalarType.Int64,
        "double" or "Double" => ParameterScalarType.Double,
        "float" or "Single" => ParameterScalarType.Single,
        "decimal" or "Decimal" => ParameterScalarType.Decimal,
        "bool" or "Boolean" => ParameterScalarType.Boolean,
        "string" or "String" => ParameterScalarType.String,
        _ => null,
    };

    /// <summary>Converts override text to this type; false when the text is not a value of it.</summary>
    /// <param name="text">The text after <c>name=</c>; for arrays, items separated by commas (an empty text is an empty array).</param>
    /// <param name="value">The converted value (a boxed scalar, or a typed array).</param>
    public bool TryConvert(string text, out object value)
    {
        value = "";
        if (!IsArray) return TryConvertScalar(Element, text, out value);
        var items = text.Trim().Length == 0 ? [] : text.Split(',');
        var array = Array.CreateInstance(ClrType(Element), items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            if (!TryConvertScalar(Element, items[i].Trim(), out var item)) return false;
            array.SetValue(item, i);
        }
        value = array;
        return true;
    }

    /// <summary>A C# expression of this type for a converted value (for the injected declarations).</summary>
    public string ToLiteral(object value)
    {
        if (!IsArray) return ScalarLiteral(Element, value);
        var items = ((Array)value).Cast<object>().Select(v => ScalarLiteral(Element, v)).ToList();
        return items.Count == 0 ? $"new {Keyword(Element)}[] {{ }}" : $"new {Keyword(Element)}[] {{ {string.Join(", ", items)} }}";
    }

    /// <summary>The value as JSON, for the notebook's <c>papermill.parameters</c> metadata.</summary>
    public JsonNode? ToJson(object value)
    {
        if (IsArray) return new JsonArray(((Array)value).Cast<object>().Select(v => ScalarJson(Element, v)).ToArray());
        return ScalarJson(Element, value);
    }

    private static bool TryConvertScalar(ParameterScalarType type, string text, out object value)
    {
        var inv = CultureInfo.InvariantCulture;
        bool ok;
        (ok, value) = type switch
        {
            ParameterScalarType.Int32 => (int.TryParse(text.Trim(), NumberStyles.Integer, inv, out var i), (object)i),
            ParameterScalarType.Int64 => (long.TryParse(text.Trim(), NumberStyles.Integer, inv, out var l), l),
            ParameterScalarType.Double => (double.TryParse(text.Trim(), NumberStyles.Float, inv, out var d), d),
            ParameterScalarType.Single => (float.TryParse(text.Trim(), NumberStyles.Float, inv, out var f), f),
            ParameterScalarType.Decimal => (decimal.TryParse(text.Trim(), NumberStyles.Float, inv, out var m), m),
            ParameterScalarType.Boolean => (bool.TryParse(text.Trim(), out var b), b),
            _ => (true, text),
        };
        return ok;
    }

    private static string ScalarLiteral(ParameterScalarType type, object value)
    {
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            ParameterScalarType.Int32 => ((int)value).ToString(inv),
            ParameterScalarType.Int64 => ((long)value).ToString(inv) + "L",
            ParameterScalarType.Double => (double)value switch
            {
                double.NaN => "double.NaN",
                double.PositiveInfinity => "double.PositiveInfinity",
                double.NegativeInfinity => "double.NegativeInfinity",
                var d => d.ToString("R", inv) + "d",
            },
            ParameterScalarType.Single => (float)value switch
            {
                float.NaN => "float.NaN",
                float.PositiveInfinity => "float.PositiveInfinity",
                float.NegativeInfinity => "float.NegativeInfinity",
                var f => f.ToString("R", inv) + "f",
            },
            ParameterScalarType.Decimal => ((decimal)value).ToString(inv) + "m",
            ParameterScalarType.Boolean => (bool)value ? "true" : "false",
            _ => SymbolDisplay.FormatLiteral((string)value, quote: true),
        };
    }

    private static JsonNode? ScalarJson(ParameterScalarType type, object value) => type switch
    {
        ParameterScalarType.Int32 => JsonValue.Create((int)value),
        ParameterScalarType.Int64 => JsonValue.Create((long)value),
        ParameterScalarType.Double => double.IsFinite((double)value) ? JsonValue.Create((double)value) : JsonValue.Create(((double)value).ToString(CultureInfo.InvariantCulture)),
        ParameterScalarType.Single => float.IsFinite((float)value) ? JsonValue.Create((double)(float)value) : JsonValue.Create(((float)value).ToString(CultureInfo.InvariantCulture)),
        ParameterScalarType.Decimal => JsonValue.Create((decimal)value),
        ParameterScalarType.Boolean => JsonValue.Create((bool)value),
        _ => JsonValue.Create((string)value),
    };

    private static string Keyword(ParameterScalarType type) => type switch
    {
        ParameterScalarType.Int32 => "int",
        ParameterScalarType.Int64 => "long",
        ParameterScalarType.Double => "double",
        ParameterScalarType.Single => "float",
        ParameterScalarType.Decimal => "decimal",
        ParameterScalarType.Boolean => "bool",
        _ => "string",
    };

    private static Type ClrType(ParameterScalarType type) => type switch
    {
        ParameterScalarType.Int32 => typeof(int),
        ParameterScalarType.Int64 => typeof(long),
        ParameterScalarType.Double => typeof(double),
        ParameterScalarType.Single => typeof(float),
        ParameterScalarType.Decimal => typeof(decimal),
        ParameterScalarType.Boolean => typeof(bool),
        _ => typeof(string),
    };
}
