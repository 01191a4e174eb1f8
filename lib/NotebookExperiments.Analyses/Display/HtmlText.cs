namespace NotebookExperiments.Display;

/// <summary>
/// A fragment of HTML that a notebook kernel shows as HTML (<c>text/html</c>) and anything else as its markup. It needs no
/// reference to the kernel: the .NET Interactive formatter finds <see cref="TypeFormatterSourceAttribute"/> by name.
/// </summary>
/// <param name="Html">The markup, shown as it is (the caller encodes any text it embeds).</param>
[TypeFormatterSource(typeof(HtmlTextFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record HtmlText(string Html) : IHtmlDisplay
{
    /// <inheritdoc />
    public string ToHtml() => Html;

    /// <inheritdoc />
    public override string ToString() => Html;

    /// <summary>Text with only the markup characters encoded (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c>):
    /// WebUtility.HtmlEncode would also turn ± and ★ into character references.</summary>
    internal static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}

/// <summary>Something a notebook shows as HTML: the kernel's formatter (<see cref="HtmlTextFormatterSource"/>) writes <see cref="ToHtml"/>.</summary>
public interface IHtmlDisplay
{
    /// <summary>The markup, self-contained (any text in it encoded).</summary>
    string ToHtml();
}

/// <summary>The kernel's formatters for <see cref="HtmlText"/> and every other <see cref="IHtmlDisplay"/> that names this source: its markup as <c>text/html</c>.</summary>
public sealed class HtmlTextFormatterSource
{
    /// <summary>Called by the kernel's formatter when it first meets an <see cref="HtmlText"/>.</summary>
    public IEnumerable<object> CreateTypeFormatters() => [new HtmlTextFormatter()];

    /// <summary>Writes the markup of an <see cref="HtmlText"/> unchanged.</summary>
    public sealed class HtmlTextFormatter
    {
        /// <summary>The MIME type this formatter produces.</summary>
        public string MimeType => "text/html";

        /// <summary>Writes <paramref name="value"/>'s markup when it is an <see cref="IHtmlDisplay"/>.</summary>
        public bool Format(object value, TextWriter writer)
        {
            if (value is not IHtmlDisplay html) return false;
            writer.Write(html.ToHtml());
            return true;
        }
    }
}
