using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// A <see cref="DataFrame"/> as an HTML table, like the DataFrame formatter of the notebook kernel: an index column,
/// the column names as headers, values in the invariant culture, and the first <c>maxRows</c> rows with a note of how
/// many there are in all.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>How many rows a table shows by default.</summary>
    public const int DefaultMaxRows = 50;

    /// <summary>The table's HTML.</summary>
    /// <param name="frame">The data frame.</param>
    /// <param name="maxRows">At most this many rows are shown.</param>
    public static string ToHtml(DataFrame frame, int maxRows = DefaultMaxRows)
    {
        var html = new StringBuilder();
        html.Append("<table class=\"dataframe\"><thead><tr><th></th>");
        foreach (var column in frame.Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        long shown = Math.Min(frame.Rows.Count, maxRows);
        for (long r = 0; r < shown; r++)
        {
            html.Append("<tr><td><i>").Append(r.ToString(CultureInfo.InvariantCulture)).Append("</i></td>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(Invariant(column[r]))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (frame.Rows.Count > shown)
            html.Append(CultureInfo.InvariantCulture, $"<p><i>{shown} of {frame.Rows.Count} rows shown.</i></p>");
        return html.ToString();
    }

    private static string Invariant(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
