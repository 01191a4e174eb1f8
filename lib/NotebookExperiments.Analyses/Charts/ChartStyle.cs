using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Charts;

/// <summary>
/// What the figures need from Plotly.NET and its C# layer lacks or spells awkwardly: a title with a subtitle line and a line on
/// noise, axis titles, log and whole-number ticks by panel, a standard frame (the container's width, a fixed plot height, white
/// background, legend placement), a grid of panels with titles, a vertical reference marker, notes inside panels and a
/// footnote.
/// </summary>
/// <remarks>
/// Heights are set in pixels and grow with what is added (title lines, legend rows, footnote lines), so that the plot area
/// keeps the height a figure asked for; widths are the container's (<see cref="NotebookWidth"/>), and every text that Plotly
/// does not wrap is wrapped for the narrowest of them. Panels are numbered from 1, left to right then top to bottom, as <see cref="Grid"/> lays them out: panel n uses Plotly's
/// axes <c>xn</c> and <c>yn</c> (panel 1 <c>x</c> and <c>y</c>); a chart that is not a grid is panel 1. Text arguments are
/// plain text and are escaped. Like Plotly.NET's own <c>With…</c> functions these may change the layout of the chart they
/// are given: use the returned chart, and build every figure from freshly made charts.
/// </remarks>
public static class ChartStyle
{
    /// <summary>Grey of reference lines and notes.</summary>
    public const string ReferenceGrey = "#6B6B6B";

    /// <summary>The colour of the line under the title that says whether the figure's differences are above noise.</summary>
    public const string NoiseColor = "#8A4B08";

    /// <summary>
    /// The narrowest container the figures are laid out for, in CSS pixels: a notebook's output area (the executed copies are
    /// drawn 1000 px wide). A figure has no width of its own: it fills its container (Plotly's autosize, and <c>responsive</c> in
    /// its config so that it follows the window); titles, legends and footnotes are wrapped so that they fit this width, and
    /// fit any wider one.
    /// </summary>
    public const int NotebookWidth = 1000;

    /// <summary>The width of the reproduction report's column, in CSS pixels: the widest container the figures are checked at.</summary>
    public const int ReportWidth = 1250;

    /// <summary>
    /// The figures' typeface: Arial, or a face with its metrics (Liberation Sans on Linux), so that text measures the same on
    /// every machine and the wrapping above holds (Plotly's default, Open Sans or Verdana, is wider where installed).
    /// </summary>
    public const string FontFamily = "Arial, 'Liberation Sans', Helvetica, sans-serif";

    private const string GridGrey = "#E6E6E6";
    private const string AxisLineGrey = "#9A9A9A";
    private const int LeftMargin = 70;
    private const int RightMargin = 30;
    private const int TopMarginWithoutTitle = 24;
    private const int TitleTop = 12;

    /// <summary>How far above its anchor plotly.js draws the first line of a title anchored at its top (at 17 px).</summary>
    private const int TitleAnchorOffset = 15;
    private const double TitleLineHeight = 17 * 1.3;
    private const int TitleGap = 10;
    private const int PanelTitleRoom = 24;
    private const int LegendRowHeight = 24;
    private const int FootnoteLineHeight = 15;

    /// <summary>The name of the annotations that title panels (<see cref="Grid"/>): the title block leaves room for them.</summary>
    internal const string PanelTitleName = "panel title";

    /// <summary>
    /// Sets the figure title, with an optional smaller second line (e.g. the preset the data came from) and an optional
    /// statement in <see cref="NoiseColor"/> of whether the figure's differences are above noise. The title block starts at the
    /// top of the figure and the top margin grows to hold it (and the panel titles below it); the figure grows by as much.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="title">The title, e.g. the paper figure it reproduces.</param>
    /// <param name="subtitle">A second line in smaller grey type, or null/empty for none; broken at spaces into lines of at
    /// most <see cref="SubtitleLineLength"/> characters.</param>
    /// <param name="noise">Whether the differences drawn are above noise (e.g. "One seed: …"), or null/empty for none.</param>
    public static GenericChart WithTitle(GenericChart chart, string title, string? subtitle = null, string? noise = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = PlotText.Escape(title);
        int lines = 1;
        foreach (var (part, color) in new[] { (subtitle, ReferenceGrey), (noise, NoiseColor) })
        {
            if (string.IsNullOrWhiteSpace(part)) continue;
            var wrapped = part.Split('\n').SelectMany(l => Wrap(l, SubtitleLineLength)).Select(PlotText.Escape).ToList();
            lines += wrapped.Count;
            text += string.Concat(wrapped.Select(l => $"<br><span style=\"font-size:13px;color:{color}\">{l}</span>"));
        }
        var titleObject = new Title().With(("text", text), ("x", 0.01), ("xanchor", "left"), ("xref", "container"), ("yanchor", "top"),
            ("yref", "container"), ("font", FontOfSize(17)));
        chart = PlotlyProperties.MapLayout(chart, layout => layout.SetProperty("title", titleObject));
        var layout = GenericChart.getLayout(chart);
        bool panelTitles = (layout.TryGetTypedPropertyValue<IEnumerable<Annotation>>("annotations")?.Value ?? [])
            .Any(a => a.TryGetPropertyValue("name")?.Value as string == PanelTitleName);
        int top = TitleTop + (int)Math.Ceiling(TitleLineHeight * lines) + TitleGap + (panelTitles ? PanelTitleRoom : 0);
        var margin = layout.TryGetTypedPropertyValue<Margin>("margin")?.Value ?? new Margin();
        int extra = top - (IntProperty(margin, "t") ?? TopMarginWithoutTitle);
        margin.SetProperty("t", top);
        layout.SetProperty("margin", margin);
        int total = (IntProperty(layout, "height") ?? 450) + extra;
        layout.SetProperty("height", total);
        // The block's top a few pixels below the figure's top edge (a fraction of the container, whose height is the figure's).
        titleObject.SetProperty("y", 1 - (double)(TitleTop + TitleAnchorOffset) / total);
        return chart;
    }

    /// <summary>Titles and scales the x axis of one panel, and gives it the figures' common look.</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="title">Axis title with its unit, e.g. <c>temperature τ</c>.</param>
    /// <param name="scale">Linear or logarithmic.</param>
    /// <param name="panel">The panel (1-based).</param>
    /// <param name="tickValues">Where the ticks go (e.g. <see cref="LogAxisTicks.Covering"/> for a log axis), labelled as
    /// plain numbers; null leaves the ticks to Plotly.</param>
    public static GenericChart WithXAxis(GenericChart chart, string title, AxisScale scale = AxisScale.Linear, int panel = 1,
        IReadOnlyList<double>? tickValues = null) => WithAxis(chart, 'x', title, scale, panel, tickValues);

    /// <summary>Titles and scales the y axis of one panel, and gives it the figures' common look.</summary>
    /// <inheritdoc cref="WithXAxis"/>
    public static GenericChart WithYAxis(GenericChart chart, string title, AxisScale scale = AxisScale.Linear, int panel = 1,
        IReadOnlyList<double>? tickValues = null) => WithAxis(chart, 'y', title, scale, panel, tickValues);

    /// <summary>The common look of <see cref="WithXAxis"/> and <see cref="WithYAxis"/> on the axis <paramref name="letter"/> of a panel.</summary>
    private static GenericChart WithAxis(GenericChart chart, char letter, string title, AxisScale scale, int panel,
        IReadOnlyList<double>? tickValues)
    {
        RequirePanel(panel);
        var type = scale switch
        {
            AxisScale.Linear => "linear",
            AxisScale.Log => "log",
            _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown axis scale."),
        };
        return PlotlyProperties.MapAxis(chart, AxisProperty(letter, panel), axis =>
        {
            axis.With(("title", new Title().With(("text", PlotText.Escape(title)))), ("type", type), ("showline", true),
                ("linecolor", Color.fromHex(AxisLineGrey)), ("showgrid", true), ("gridcolor", Color.fromHex(GridGrey)), ("zeroline", false),
                ("automargin", true));
            if (tickValues is not null) axis.With(("tickmode", "array"), ("tickvals", tickValues.ToArray()), ("tickformat", "~g"));
        });
    }

    /// <summary>
    /// The figures' common frame: no width (the figure fills its container, see <see cref="NotebookWidth"/>), a plot area of
    /// <paramref name="plotHeight"/> pixels, white background, the <see cref="FontFamily"/>, hover on the nearest point, axes
    /// that widen their margins for their labels (automargin), and the legend right of or below the plots. A legend below gets
    /// as many rows as its entries need at <see cref="NotebookWidth"/> (estimated from their text), and the bottom margin holds
    /// them under the x axes' labels.
    /// </summary>
    /// <param name="chart">The figure, with its traces (their legend entries are counted).</param>
    /// <param name="plotHeight">Height of the plot area in pixels (all rows of panels and the gaps between them).</param>
    /// <param name="legend">Where the legend goes.</param>
    /// <param name="axisRoom">Pixels under the plot area for the x axes' tick labels and title.</param>
    public static GenericChart WithStandardLayout(GenericChart chart, int plotHeight, LegendPlacement legend = LegendPlacement.Right,
        int axisRoom = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plotHeight, 50);
        ArgumentOutOfRangeException.ThrowIfNegative(axisRoom);
        var entries = GenericChart.getTraces(chart)
            .Where(t => t.TryGetPropertyValue("showlegend")?.Value is not false)
            .Select(t => t.TryGetPropertyValue("name")?.Value as string ?? "").ToList();
        int rows = legend == LegendPlacement.Below ? LegendRows(entries) : 0;
        int bottom = axisRoom + (rows > 0 ? rows * LegendRowHeight + 12 : 0) + 8;
        var margin = new Margin().With(("t", TopMarginWithoutTitle), ("l", LeftMargin), ("r", RightMargin), ("b", bottom));
        var legendObject = new Legend().With(("tracegroupgap", 0), ("font", FontOfSize(13)));
        // Legend positions are fractions of the plot area's height: put the legend's top a fixed number of pixels below the plot
        // area, under the x axis labels and title.
        if (legend == LegendPlacement.Below)
            legendObject.With(("orientation", "h"), ("x", 0.5), ("xanchor", "center"), ("y", -(double)(axisRoom + 6) / plotHeight),
                ("yanchor", "top"));
        chart = PlotlyProperties.MapLayout(chart, layout => layout.With(("autosize", true), ("height", TopMarginWithoutTitle + plotHeight + bottom),
            ("margin", margin), ("paper_bgcolor", "#FFFFFF"), ("plot_bgcolor", "#FFFFFF"), ("hovermode", "closest"),
            ("font", FontOfSize(13).With(("family", FontFamily))), ("legend", legendObject)));
        return GenericChart.setConfig(GenericChart.getConfig(chart).With(("responsive", true), ("displaylogo", false)), chart);
    }

    /// <summary>The rows a horizontal legend of these entries takes in a figure <see cref="NotebookWidth"/> wide.</summary>
    internal static int LegendRows(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0) return 0;
        const double available = NotebookWidth - LeftMargin - RightMargin - 20;
        int rows = 1;
        double used = 0;
        foreach (var entry in entries)
        {
            // Plotly's legend item: the symbol (40 px), the text, and a gap before the next item.
            double width = 40 + PlotText.EstimatedWidth(entry, 13) + 12;
            if (used > 0 && used + width > available)
            {
                rows++;
                used = 0;
            }
            used += width;
        }
        return rows;
    }

    /// <summary>
    /// Panels in a grid of <paramref name="columns"/> columns (as many rows as needed), each with its own axes and an
    /// optional title above it.
    /// </summary>
    /// <param name="panels">Freshly made charts, one per panel, in reading order; each becomes panel 1, 2, …</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="titles">One title per panel, or null for none.</param>
    public static GenericChart Grid(IReadOnlyList<GenericChart> panels, int columns, IReadOnlyList<string>? titles = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("A grid needs at least one panel.", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (titles is not null && titles.Count != panels.Count)
            throw new ArgumentException($"Expected {panels.Count} panel titles, got {titles.Count}.", nameof(titles));
        int used = Math.Min(columns, panels.Count), rows = Rows(panels.Count, columns);
        var chart = titles is null
            ? PlotlyChart.Grid(panels, rows, used, XGap: 0.22, YGap: 0.35)
            : PlotlyChart.Grid(panels, rows, used, SubPlotTitles: titles.Select(PlotText.Escape).ToArray(),
                SubPlotTitleFont: FontOfSize(14), XGap: 0.22, YGap: 0.35);
        if (titles is null) return chart;
        return PlotlyProperties.MapLayout(chart, layout =>
        {
            foreach (var annotation in layout.TryGetTypedPropertyValue<IEnumerable<Annotation>>("annotations")?.Value ?? [])
                annotation.SetProperty("name", PanelTitleName);
        });
    }

    /// <summary>
    /// The plot height, for <see cref="WithStandardLayout"/>, of a <see cref="Grid"/> of <paramref name="panels"/> panels in rows of
    /// <paramref name="columns"/>: <paramref name="rowHeight"/> pixels per row of panels and <paramref name="rowGap"/> between rows.
    /// </summary>
    internal static int GridHeight(int panels, int columns, int rowHeight, int rowGap)
    {
        int rows = Rows(panels, columns);
        return rowHeight * rows + rowGap * (rows - 1);
    }

    private static int Rows(int panels, int columns) => (panels + Math.Min(columns, panels) - 1) / Math.Min(columns, panels);

    /// <summary>
    /// A dotted vertical line across a panel at <paramref name="x"/>, labelled at its top (e.g. β = ½, where ReinMax-RK2(β)
    /// is ReinMax).
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="x">Where the line is, in the panel's x units.</param>
    /// <param name="label">The label written right of the line's top end.</param>
    /// <param name="panel">The panel (1-based).</param>
    public static GenericChart WithVerticalMarker(GenericChart chart, double x, string label, int panel = 1)
    {
        RequirePanel(panel);
        var line = new Line().With(("color", ReferenceGrey), ("width", 1.5), ("dash", "dot"));
        var shape = new Shape().With(("type", "line"), ("xref", AxisName('x', panel)), ("yref", AxisName('y', panel) + " domain"),
            ("x0", x), ("x1", x), ("y0", 0), ("y1", 1), ("line", line), ("layer", "below"), ("name", label));
        var annotation = TextAnnotation(label, ReferenceGrey).With(("xref", AxisName('x', panel)), ("yref", AxisName('y', panel) + " domain"),
            ("x", x), ("y", 1), ("xanchor", "left"), ("yanchor", "top"), ("xshift", 3));
        chart = Append(chart, "shapes", shape);
        return Append(chart, "annotations", annotation);
    }

    /// <summary>
    /// A note in small grey type under everything else (axes, legend, earlier footnotes), aligned with the title — e.g.
    /// which points were left out because every run diverged. The figure grows by the note's height, so call this after
    /// <see cref="WithStandardLayout"/>.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="text">The note; line breaks start new lines, and lines longer than <see cref="FootnoteLineLength"/> are broken at spaces.</param>
    public static GenericChart WithFootnote(GenericChart chart, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').SelectMany(line => Wrap(line, FootnoteLineLength)).Select(PlotText.Escape).ToArray();
        var layout = GenericChart.getLayout(chart);
        int height = IntProperty(layout, "height") ?? 450;
        var margin = layout.TryGetTypedPropertyValue<Margin>("margin")?.Value ?? new Margin();
        int bottom = IntProperty(margin, "b") ?? 80;
        int left = IntProperty(margin, "l") ?? 80;
        int extra = FootnoteLineHeight * lines.Length + 10;

        var annotation = TextAnnotation(string.Join("<br>", lines), ReferenceGrey).With(("name", "footnote"), ("xref", "paper"), ("yref", "paper"),
            ("x", 0), ("y", 0), ("xanchor", "left"), ("yanchor", "top"), ("align", "left"), ("xshift", -(left - 10)), ("yshift", -bottom));
        margin.SetProperty("b", bottom + extra);
        layout.SetProperty("margin", margin);
        layout.SetProperty("height", height + extra);
        return Append(chart, "annotations", annotation);
    }

    /// <summary>
    /// Whole-number ticks on a panel's x axis (epochs, checkpoints): every value of <paramref name="values"/> as a tick when there
    /// are at most <see cref="MaxListedTicks"/> of them, otherwise ticks a whole number apart (1, 2, 5, 10, … chosen for about
    /// six ticks). Plotly's own ticks put 1.5 and 2.5 between epochs 1, 2 and 3.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="values">The whole numbers the axis shows.</param>
    /// <param name="panel">The panel (1-based).</param>
    public static GenericChart WithWholeNumberTicks(GenericChart chart, IEnumerable<double> values, int panel = 1)
    {
        RequirePanel(panel);
        var distinct = values.Where(double.IsFinite).Distinct().Order().ToArray();
        if (distinct.Length == 0) return chart;
        return PlotlyProperties.MapAxis(chart, AxisProperty('x', panel), axis =>
        {
            if (distinct.Length <= MaxListedTicks) axis.With(("tickmode", "array"), ("tickvals", distinct));
            else
            {
                double span = distinct[^1] - distinct[0];
                double step = new[] { 1.0, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000 }.FirstOrDefault(s => span / s <= 6, Math.Ceiling(span / 6));
                axis.With(("tickmode", "linear"), ("tick0", 0), ("dtick", step));
            }
            axis.SetProperty("tickformat", "d");
        });
    }

    /// <summary>The most values <see cref="WithWholeNumberTicks"/> lists as ticks one by one.</summary>
    public const int MaxListedTicks = 12;

    /// <summary>
    /// A note inside a panel, at its lower or upper edge, on a white ground: e.g. which series lie off the panel's axis
    /// (<see cref="AxisOutliers"/>) and where. One line per entry of <paramref name="lines"/>, each in its own colour.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="lines">The lines and their colours (an estimator's, or <see cref="ReferenceGrey"/>).</param>
    /// <param name="panel">The panel (1-based).</param>
    /// <param name="atTop">At the panel's upper edge rather than its lower one.</param>
    public static GenericChart WithPanelNote(GenericChart chart, IReadOnlyList<(string Text, string Color)> lines, int panel = 1, bool atTop = false)
    {
        RequirePanel(panel);
        if (lines.Count == 0) return chart;
        var text = string.Join("<br>", lines.Select(l => $"<span style=\"color:{l.Color}\">{PlotText.Escape(l.Text)}</span>"));
        var annotation = TextAnnotation(text, ReferenceGrey).With(("name", "panel note"), ("xref", AxisName('x', panel) + " domain"),
            ("yref", AxisName('y', panel) + " domain"), ("x", 0.01), ("y", atTop ? 0.99 : 0.01), ("xanchor", "left"),
            ("yanchor", atTop ? "top" : "bottom"), ("align", "left"), ("bgcolor", "rgba(255,255,255,0.9)"), ("borderpad", 2));
        return Append(chart, "annotations", annotation);
    }

    /// <summary>The longest subtitle line in characters; a longer subtitle is broken at spaces and the top margin grows.</summary>
    public const int SubtitleLineLength = 130;

    /// <summary>The longest footnote line in characters; longer lines are broken at spaces (Plotly does not wrap annotations).</summary>
    public const int FootnoteLineLength = 150;

    /// <summary>Breaks <paramref name="line"/> at spaces into pieces of at most <paramref name="length"/> characters (a longer word stays whole).</summary>
    internal static IEnumerable<string> Wrap(string line, int length)
    {
        while (line.Length > length)
        {
            int cut = line.LastIndexOf(' ', length);
            if (cut <= 0) cut = line.IndexOf(' ', length);
            if (cut <= 0) break;
            yield return line[..cut];
            line = line[(cut + 1)..];
        }
        yield return line;
    }

    /// <summary>Plotly's name of a panel's axis: <c>x</c>, <c>x2</c>, … (<paramref name="letter"/> is <c>x</c> or <c>y</c>).</summary>
    internal static string AxisName(char letter, int panel) => panel == 1 ? $"{letter}" : $"{letter}{panel}";

    /// <summary>The layout's property of a panel's axis: <c>xaxis</c>, <c>xaxis2</c>, … (<paramref name="letter"/> is <c>x</c> or
    /// <c>y</c>).</summary>
    internal static string AxisProperty(char letter, int panel) => panel == 1 ? $"{letter}axis" : $"{letter}axis{panel}";

    /// <summary>Adds an item at the end of a list property of the layout (Plotly.NET's own functions put it first).</summary>
    private static GenericChart Append<T>(GenericChart chart, string listName, T item) where T : DynamicObj.DynamicObj =>
        PlotlyProperties.MapLayout(chart, layout =>
        {
            var existing = layout.TryGetTypedPropertyValue<IEnumerable<T>>(listName)?.Value ?? [];
            layout.SetProperty(listName, existing.Append(item).ToArray());
        });

    private static int? IntProperty(DynamicObj.DynamicObj owner, string name) =>
        owner.TryGetPropertyValue(name)?.Value switch
        {
            int value => value,
            long value => (int)value,
            double value => (int)value,
            _ => null,
        };

    /// <summary>Text without an arrow, in 11 px type of <paramref name="color"/>.</summary>
    internal static Annotation TextAnnotation(string text, string color) =>
        new Annotation().With(("text", text), ("showarrow", false), ("font", FontOfSize(11).With(("color", color))));

    /// <summary>A font of <paramref name="size"/> pixels.</summary>
    internal static Font FontOfSize(int size) => new Font().With(("size", size));

    private static void RequirePanel(int panel) => ArgumentOutOfRangeException.ThrowIfLessThan(panel, 1);
}
