using System.Collections.Concurrent;
using System.Reflection;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// The notebook kernel's formatter convention, without a dependency on the kernel: a type carries an attribute named
/// <c>TypeFormatterSourceAttribute</c> (any namespace) whose <c>FormatterSourceType</c> has a parameterless constructor
/// and a <c>CreateTypeFormatters()</c> method returning objects with a <c>string MimeType</c> property and a
/// <c>bool Format(object, TextWriter)</c> method. TorchSharp's <c>Tensor</c> renders this way, and so can this
/// repository's own result types.
/// </summary>
public static class ConventionFormatters
{
    private sealed record Formatter(string MimeType, Func<object, TextWriter, bool> Format);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Formatter>> Cache = new();

    /// <summary>The MIME bundle the type's convention formatters produce for a value; empty when the type has none.</summary>
    public static IReadOnlyDictionary<string, string> Format(object value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var formatter in Cache.GetOrAdd(value.GetType(), Discover))
        {
            if (result.ContainsKey(formatter.MimeType)) continue;
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                if (formatter.Format(value, writer)) result[formatter.MimeType] = writer.ToString();
            }
            catch (Exception e) when (e is TargetInvocationException or InvalidOperationException or NotSupportedException)
            {
                // A formatter that fails leaves the value to the next formatter, as in the kernel.
            }
        }
        return result;
    }

    private static IReadOnlyList<Formatter> Discover(Type type)
    {
        var formatters = new List<Formatter>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var attribute in t.GetCustomAttributes(inherit: false))
            {
                var attributeType = attribute.GetType();
                if (attributeType.Name != "TypeFormatterSourceAttribute") continue;
                if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType) continue;
                try
                {
                    var source = Activator.CreateInstance(sourceType, nonPublic: true);
                    var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes);
                    if (source is null || create?.Invoke(source, null) is not System.Collections.IEnumerable created) continue;
                    foreach (var formatter in created)
                    {
                        if (formatter is null) continue;
                        var formatterType = formatter.GetType();
                        var mime = formatterType.GetProperty("MimeType", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(formatter) as string;
                        var format = formatterType.GetMethod("Format", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(object), typeof(TextWriter)]);
                        if (mime is null || format is null || format.ReturnType != typeof(bool)) continue;
                        formatters.Add(new Formatter(mime, (value, writer) => (bool)format.Invoke(formatter, [value, writer])!));
                    }
                }
                catch (Exception e) when (e is TargetInvocationException or MissingMethodException or MemberAccessException)
                {
                    // An unusable formatter source: the value falls back to its other renderings.
                }
            }
        }
        return formatters;
    }
}
