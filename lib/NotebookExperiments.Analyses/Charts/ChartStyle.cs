using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Charts;

/// <summary>
/// What the figures need from Plotly.NET and its C# layer lacks or spells awkwardly: a title with a subtitle line, axis
/// titles and log axes by panel, a standard frame (size, white background, legend placement), a grid of panels with
/// titles, a vertical reference marker and a footnote.
/// </summary>
/// <remarks>
/// Panels are numbered from 1, left to right then top to bottom, as <see cref="Grid"/> lays them out: panel n uses Plotly's
/// axes <c>xn</c> and <c>yn</c> (panel 1 <c>x</c> and <c>y</c>); a chart that is not a grid is panel 1. Text arguments are
/// plain text and are escaped. Like Plotly.NET's own <c>With…</c> functions these may change the layout of the chart they
/// are given: use the returned chart, and build every figure from freshly made charts.
/// </remarks>
public static class ChartStyle
{
    /// <summary>Grey of reference lines and notes.</summary>
    public const string ReferenceGrey = "#6B6B6B";

    private const string GridGrey = "#E6E6E6";
    private const string AxisLineGrey = "#9A9A9A";
    private const int BottomMargin = 70;
    private const int BottomMarginWithLegendBelow = 140;
    private const int LegendOffsetBelowPlot = 80;
    private const int FootnoteLineHeight = 15;

    /// <summary>Sets the figure title, with an optional smaller second line (e.g. the preset the data came from).</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="title">The title, e.g. the paper figure it reproduces.</param>
    /// <param name="subtitle">A second line in smaller grey type, or null/empty for none.</param>
    public static GenericChart WithTitle(GenericChart chart, string title, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = PlotText.Escape(title);
        int extraLines = 0;
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            var lines = Wrap(subtitle, SubtitleLineLength).Select(PlotText.Escape).ToList();
            extraLines = lines.Count - 1;
            text += string.Concat(lines.Select(l => $"<br><span style=\"font-size:13px;color:{ReferenceGrey}\">{l}</span>"));
        }
        var titleObject = new Title();
        titleObject.SetProperty("text", text);
        titleObject.SetProperty("x", 0.01);
        titleObject.SetProperty("xanchor", "left");
        titleObject.SetProperty("font", FontOfSize(17));
        chart = MapLayout(chart, layout => layout.SetProperty("title", titleObject));
        if (extraLines == 0) return chart;
        // Each further subtitle line takes room from the top margin and adds it to the figure.
        var layout = GenericChart.getLayout(chart);
        var margin = layout.TryGetTypedPropertyValue<Margin>("margin")?.Value ?? new Margin();
        int extra = SubtitleLineHeight * extraLines;
        margin.SetProperty("t", (IntProperty(margin, "t") ?? 100) + extra);
        layout.SetProperty("margin", margin);
        if (IntProperty(layout, "height") is int height) layout.SetProperty("height", height + extra);
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
        IReadOnlyList<double>? tickValues = null)
    {
        RequirePanel(panel);
        chart = chart.WithXAxisStyle<double, double, string>(
            TitleText: PlotText.Escape(title),
            AxisType: AxisType(scale),
            ShowLine: true,
            LineColor: Color.fromHex(AxisLineGrey),
            ShowGrid: true,
            GridColor: Color.fromHex(GridGrey),
            ZeroLine: false,
            Id: StyleParam.SubPlotId.NewXAxis(panel));
        return WithTicks(chart, AxisName('x', panel), tickValues);
    }

    /// <summary>Titles and scales the y axis of one panel, and gives it the figures' common look.</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="title">Axis title with its unit, e.g. <c>train −ELBO (nats)</c>.</param>
    /// <param name="scale">Linear or logarithmic.</param>
    /// <param name="panel">The panel (1-based).</param>
    /// <param name="tickValues">Where the ticks go (e.g. <see cref="LogAxisTicks.Covering"/> for a log axis), labelled as
    /// plain numbers; null leaves the ticks to Plotly.</param>
    public static GenericChart WithYAxis(GenericChart chart, string title, AxisScale scale = AxisScale.Linear, int panel = 1,
        IReadOnlyList<double>? tickValues = null)
    {
        RequirePanel(panel);
        chart = chart.WithYAxisStyle<double, double, string>(
            TitleText: PlotText.Escape(title),
            AxisType: AxisType(scale),
            ShowLine: true,
            LineColor: Color.fromHex(AxisLineGrey),
            ShowGrid: true,
            GridColor: Color.fromHex(GridGrey),
            ZeroLine: false,
            Id: StyleParam.SubPlotId.NewYAxis(panel));
        return WithTicks(chart, AxisName('y', panel), tickValues);
    }

    /// <summary>
    /// The figures' common frame: size in pixels, white background, top margin for a two-line title, hover on the nearest
    /// point, and the legend right of or below the plots.
    /// </summary>
    /// <param name="chart">The figure.</param>
    /// <param name="width">Width in pixels (e.g. 1000 for two panels side by side).</param>
    /// <param name="height">Height in pixels (e.g. 450).</param>
    /// <param name="legend">Where the legend goes.</param>
    public static GenericChart WithStandardLayout(GenericChart chart, int width, int height, LegendPlacement legend = LegendPlacement.Right)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        const int top = 110, left = 70;
        int bottom = legend == LegendPlacement.Below ? BottomMarginWithLegendBelow : BottomMargin;
        var margin = new Margin();
        margin.SetProperty("t", top);
        margin.SetProperty("l", left);
        margin.SetProperty("r", 30);
        margin.SetProperty("b", bottom);
        var legendObject = new Legend();
        if (legend == LegendPlacement.Below)
        {
            // Legend positions are fractions of the plot area's height: put the legend's top a fixed number of pixels below
            // the plot area, under the x axis title.
            int plotHeight = Math.Max(1, height - top - bottom);
            legendObject.SetProperty("orientation", "h");
            legendObject.SetProperty("x", 0.5);
            legendObject.SetProperty("xanchor", "center");
            legendObject.SetProperty("y", -(double)LegendOffsetBelowPlot / plotHeight);
            legendObject.SetProperty("yanchor", "top");
        }
        return MapLayout(chart, layout =>
        {
            layout.SetProperty("width", width);
            layout.SetProperty("height", height);
            layout.SetProperty("margin", margin);
            layout.SetProperty("paper_bgcolor", "#FFFFFF");
            layout.SetProperty("plot_bgcolor", "#FFFFFF");
            layout.SetProperty("hovermode", "closest");
            layout.SetProperty("font", FontOfSize(13));
            layout.SetProperty("legend", legendObject);
        });
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
        int used = Math.Min(columns, panels.Count);
        int rows = (panels.Count + used - 1) / used;
        var chart = titles is null
            ? PlotlyChart.Grid(panels, rows, used, XGap: 0.22, YGap: 0.35)
            : PlotlyChart.Grid(panels, rows, used, SubPlotTitles: titles.Select(PlotText.Escape).ToArray(),
                SubPlotTitleFont: FontOfSize(14), XGap: 0.22, YGap: 0.35);
        return chart;
    }

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
        var line = new Line();
        line.SetProperty("color", ReferenceGrey);
        line.SetProperty("width", 1.5);
        line.SetProperty("dash", "dot");
        var shape = new Shape();
        shape.SetProperty("type", "line");
        shape.SetProperty("xref", AxisName('x', panel));
        shape.SetProperty("yref", AxisName('y', panel) + " domain");
        shape.SetProperty("x0", x);
        shape.SetProperty("x1", x);
        shape.SetProperty("y0", 0);
        shape.SetProperty("y1", 1);
        shape.SetProperty("line", line);
        shape.SetProperty("layer", "below");
        shape.SetProperty("name", label);

        var annotation = TextAnnotation(label, ReferenceGrey);
        annotation.SetProperty("xref", AxisName('x', panel));
        annotation.SetProperty("yref", AxisName('y', panel) + " domain");
        annotation.SetProperty("x", x);
        annotation.SetProperty("y", 1);
        annotation.SetProperty("xanchor", "left");
        annotation.SetProperty("yanchor", "top");
        annotation.SetProperty("xshift", 3);

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

        var annotation = TextAnnotation(string.Join("<br>", lines), ReferenceGrey);
        annotation.SetProperty("name", "footnote");
        annotation.SetProperty("xref", "paper");
        annotation.SetProperty("yref", "paper");
        annotation.SetProperty("x", 0);
        annotation.SetProperty("y", 0);
        annotation.SetProperty("xanchor", "left");
        annotation.SetProperty("yanchor", "top");
        annotation.SetProperty("align", "left");
        annotation.SetProperty("xshift", -(left - 10));
        annotation.SetProperty("yshift", -bottom);
        margin.SetProperty("b", bottom + extra);
        layout.SetProperty("margin", margin);
        layout.SetProperty("height", height + extra);
        return Append(chart, "annotations", annotation);
    }

    /// <summary>The longest subtitle line in characters; a longer subtitle is broken at spaces and the top margin grows.</summary>
    public const int SubtitleLineLength = 130;

    private const int SubtitleLineHeight = 18;

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

    /// <summary>Adds an item at the end of a list property of the layout (Plotly.NET's own functions put it first).</summary>
    private static GenericChart Append<T>(GenericChart chart, string listName, T item) where T : DynamicObj.DynamicObj =>
        MapLayout(chart, layout =>
        {
            var existing = layout.TryGetTypedPropertyValue<IEnumerable<T>>(listName)?.Value ?? [];
            layout.SetProperty(listName, existing.Append(item).ToArray());
        });

    private static GenericChart WithTicks(GenericChart chart, string axisName, IReadOnlyList<double>? tickValues)
    {
        if (tickValues is null) return chart;
        return MapLayout(chart, layout =>
        {
            var propertyName = axisName[0] + "axis" + axisName[1..];
            var axis = layout.TryGetTypedPropertyValue<LinearAxis>(propertyName)?.Value ?? new LinearAxis();
            axis.SetProperty("tickmode", "array");
            axis.SetProperty("tickvals", tickValues.ToArray());
            axis.SetProperty("tickformat", "~g");
            layout.SetProperty(propertyName, axis);
        });
    }

    private static int? IntProperty(DynamicObj.DynamicObj owner, string name) =>
        owner.TryGetPropertyValue(name)?.Value switch
        {
            int value => value,
            long value => (int)value,
            double value => (int)value,
            _ => null,
        };

    private static Annotation TextAnnotation(string text, string color)
    {
        var font = FontOfSize(11);
        font.SetProperty("color", color);
        var annotation = new Annotation();
        annotation.SetProperty("text", text);
        annotation.SetProperty("showarrow", false);
        annotation.SetProperty("font", font);
        return annotation;
    }

    private static Font FontOfSize(int size)
    {
        var font = new Font();
        font.SetProperty("size", size);
        return font;
    }

    private static StyleParam.AxisType AxisType(AxisScale scale) => scale switch
    {
        AxisScale.Linear => StyleParam.AxisType.Linear,
        AxisScale.Log => StyleParam.AxisType.Log,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown axis scale."),
    };

    private static GenericChart MapLayout(GenericChart chart, Action<Layout> change) =>
        GenericChart.mapLayout(FuncConvert.FromFunc<Layout, Layout>(layout =>
        {
            change(layout);
            return layout;
        }), chart);

    private static void RequirePanel(int panel) => ArgumentOutOfRangeException.ThrowIfLessThan(panel, 1);
}
