using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace NotebookExperiments.Charts;

/// <summary>
/// The traces the figures are made of — a line with markers, a ±spread band, a mean line over its band, a horizontal
/// reference line, single markers — each returned as a fresh <see cref="GenericChart"/> on the first axes, ready for
/// <see cref="PlotlyChart.Combine"/> and <see cref="ChartStyle.Grid"/>.
/// </summary>
/// <remarks>
/// Points whose coordinates are NaN or infinite are left out (a diverged run has no value to draw). Hover text, when
/// given, replaces Plotly's default hover box (one string per point, Plotly's HTML subset; escape plain text).
/// Every call builds new trace objects: Plotly.NET charts share and modify their traces when combined, so a chart must never
/// be used in two figures.
/// </remarks>
public static class ChartTraces
{
    /// <summary>A line through the points, with markers unless <paramref name="markers"/> is false.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates, one per abscissa.</param>
    /// <param name="style">Name, colour, legend group and dash.</param>
    /// <param name="hover">Hover text per point, or null for Plotly's default.</param>
    /// <param name="markers">Whether to draw a marker at each point.</param>
    public static GenericChart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style,
        IReadOnlyList<string>? hover = null, bool markers = true)
    {
        var kept = FinitePoints(x, y, hover);
        var color = Color.fromHex(style.Color);
        var chart = PlotlyChart.Scatter<double, double, string>(
            kept.X, kept.Y, markers ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Lines,
            Name: style.Name,
            ShowLegend: style.ShowLegend,
            MarkerColor: color,
            LineColor: color,
            LineWidth: 2.0,
            LineDash: new Optional<StyleParam.DrawingStyle>(style.Dash!, style.Dash is not null),
            UseDefaults: false);
        return WithHover(chart.WithTraceInfo(LegendGroup: style.Group), kept.Hover);
    }

    /// <summary>
    /// The region between <paramref name="lower"/> and <paramref name="upper"/>, filled with the series colour at low
    /// opacity, without a legend entry (it joins the series' legend group). Points where a bound is not finite split the band:
    /// one filled polygon per stretch of consecutive points with both bounds finite.
    /// </summary>
    /// <param name="x">Abscissae, increasing.</param>
    /// <param name="lower">Lower bound per abscissa.</param>
    /// <param name="upper">Upper bound per abscissa.</param>
    /// <param name="style">The series the band belongs to (its colour and legend group).</param>
    /// <returns>One chart per stretch; empty when no point has both bounds finite.</returns>
    public static IReadOnlyList<GenericChart> Band(IReadOnlyList<double> x, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, SeriesStyle style)
    {
        RequireSameLength(x, lower, nameof(lower));
        RequireSameLength(x, upper, nameof(upper));
        var bands = new List<GenericChart>();
        int start = 0;
        while (start < x.Count)
        {
            while (start < x.Count && !IsFinitePoint(x[start], lower[start], upper[start])) start++;
            int end = start;
            while (end < x.Count && IsFinitePoint(x[end], lower[end], upper[end])) end++;
            if (end > start) bands.Add(BandPolygon(x, lower, upper, start, end, style));
            start = end;
        }
        return bands;
    }

    /// <summary>
    /// A mean line with markers over a band of ±<paramref name="spread"/> (for example one standard deviation over seeds).
    /// Points whose mean is not finite are left out of both; a point whose spread is not finite (a single run) keeps its
    /// marker but interrupts the band.
    /// </summary>
    /// <param name="x">Abscissae, increasing.</param>
    /// <param name="mean">Mean per abscissa.</param>
    /// <param name="spread">Half-width of the band per abscissa.</param>
    /// <param name="style">Name, colour and legend group of the line; the band joins its group.</param>
    /// <param name="hover">Hover text per point, or null for Plotly's default.</param>
    public static GenericChart MeanWithBand(IReadOnlyList<double> x, IReadOnlyList<double> mean, IReadOnlyList<double> spread,
        SeriesStyle style, IReadOnlyList<string>? hover = null)
    {
        RequireSameLength(x, mean, nameof(mean));
        RequireSameLength(x, spread, nameof(spread));
        var lower = mean.Select((m, i) => m - spread[i]).ToArray();
        var upper = mean.Select((m, i) => m + spread[i]).ToArray();
        var traces = Band(x, lower, upper, style).Append(Line(x, mean, style, hover));
        return PlotlyChart.Combine(traces);
    }

    /// <summary>
    /// A dashed horizontal line at <paramref name="y"/> from <paramref name="xFrom"/> to <paramref name="xTo"/>, as a trace
    /// with a legend entry (a temperature-free estimator such as ZGR drawn across a temperature axis).
    /// </summary>
    /// <param name="xFrom">Left end.</param>
    /// <param name="xTo">Right end.</param>
    /// <param name="y">Height of the line.</param>
    /// <param name="style">Name, colour and legend group; a null dash becomes dashed.</param>
    /// <param name="hover">Hover text for both ends, or null for Plotly's default.</param>
    public static GenericChart HorizontalReferenceLine(double xFrom, double xTo, double y, SeriesStyle style, string? hover = null)
    {
        var dashed = style with { Dash = style.Dash ?? StyleParam.DrawingStyle.Dash };
        return Line([xFrom, xTo], [y, y], dashed, hover is null ? null : [hover, hover], markers: false);
    }

    /// <summary>Markers without a line (a temperature-free estimator on a trade-off plot: one star; published points).</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates.</param>
    /// <param name="style">Name, colour and legend group.</param>
    /// <param name="symbol">Marker symbol, e.g. <see cref="StyleParam.MarkerSymbol.Star"/>.</param>
    /// <param name="size">Marker size in pixels.</param>
    /// <param name="hover">Hover text per point, or null for Plotly's default.</param>
    /// <param name="errors">Half-lengths of vertical error bars in the series colour, one per point, or null for none. A point
    /// whose error is not finite (none given) has no bar: such points are drawn as a second trace of the same legend group,
    /// without a legend entry (Plotly would draw a missing entry of an error array as a bar of length zero).</param>
    public static GenericChart Markers(IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style,
        StyleParam.MarkerSymbol symbol, int size = 10, IReadOnlyList<string>? hover = null, IReadOnlyList<double>? errors = null)
    {
        if (errors is not null) RequireSameLength(x, errors, nameof(errors));
        if (errors is not null && errors.Any(double.IsFinite) && !errors.All(double.IsFinite))
        {
            var withBar = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(errors[i])).ToArray();
            var without = Enumerable.Range(0, x.Count).Where(i => !double.IsFinite(errors[i])).ToArray();
            IReadOnlyList<string>? Hover(int[] rows) => hover is null ? null : rows.Select(i => hover[i]).ToArray();
            return PlotlyChart.Combine([
                Markers(withBar.Select(i => x[i]).ToArray(), withBar.Select(i => y[i]).ToArray(), style, symbol, size, Hover(withBar),
                    withBar.Select(i => errors[i]).ToArray()),
                Markers(without.Select(i => x[i]).ToArray(), without.Select(i => y[i]).ToArray(), style with { ShowLegend = false },
                    symbol, size, Hover(without)),
            ]);
        }
        var kept = FinitePoints(x, y, hover);
        var keptErrors = errors is null || !errors.Any(double.IsFinite) ? null
            : Enumerable.Range(0, x.Count).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).Select(i => errors[i]).ToArray();
        var chart = PlotlyChart.Point<double, double, string>(
            kept.X, kept.Y,
            Name: style.Name,
            ShowLegend: style.ShowLegend,
            MarkerColor: Color.fromHex(style.Color),
            MarkerSymbol: symbol,
            UseDefaults: false);
        chart = PlotlyProperties.MapTrace(chart, trace =>
        {
            SetMarker(trace, ("size", size), ("line", Outline()));
            if (keptErrors is not null) trace.SetProperty("error_y", ErrorBars(keptErrors, style.Color));
        });
        return WithHover(chart.WithTraceInfo(LegendGroup: style.Group), kept.Hover);
    }

    /// <summary>
    /// One bar at the category <paramref name="key"/>, in the series colour, with a whisker from <paramref name="lower"/> to
    /// <paramref name="upper"/> (e.g. the quartiles around a median) and a label beyond the whisker's end, where it cannot touch
    /// the whisker; without a legend entry (the category names the bar). A non-finite value draws no bar; a non-finite bound
    /// draws no whisker (the label then sits at the bar's end).
    /// </summary>
    /// <param name="key">The category, e.g. the estimator's title.</param>
    /// <param name="value">The bar's length.</param>
    /// <param name="lower">The whisker's lower end.</param>
    /// <param name="upper">The whisker's upper end.</param>
    /// <param name="style">Name, colour and legend group.</param>
    /// <param name="label">Text written beyond the bar, or null for none.</param>
    /// <param name="hover">Hover text, or null for Plotly's default.</param>
    /// <param name="horizontal">Bars along the x axis with the categories on the y axis (long category names stay level
    /// and never run into each other), rather than columns.</param>
    public static GenericChart Bar(string key, double value, double lower, double upper, SeriesStyle style, string? label = null,
        string? hover = null, bool horizontal = false)
    {
        bool drawn = double.IsFinite(value);
        bool whisker = drawn && double.IsFinite(lower) && double.IsFinite(upper);
        var chart = PlotlyChart.Column<double, string, string>(
            drawn ? [value] : [],
            Keys: drawn ? new[] { key } : [],
            Name: style.Name,
            ShowLegend: false,
            MarkerColor: Color.fromHex(style.Color),
            UseDefaults: false);
        chart = PlotlyProperties.MapTrace(chart, trace =>
        {
            if (horizontal) trace.With(("orientation", "h"), ("x", drawn ? new[] { value } : []), ("y", drawn ? new[] { key } : []));
            if (whisker)
                trace.SetProperty(horizontal ? "error_x" : "error_y", ErrorBars([Math.Max(0, upper - value)], ChartStyle.ReferenceGrey)
                    .With(("symmetric", false), ("arrayminus", new[] { Math.Max(0, value - lower) })));
        });
        chart = WithHover(chart.WithTraceInfo(LegendGroup: style.Group), hover is null || !drawn ? null : [hover]);
        if (label is null || !drawn) return chart;
        double end = whisker ? Math.Max(value, upper) : value;
        var text = PlotlyChart.Scatter<double, string, string>([end], [key], StyleParam.Mode.Text, Name: style.Name + " (label)",
            ShowLegend: false, UseDefaults: false);
        text = PlotlyProperties.MapTrace(text, trace =>
        {
            if (!horizontal) trace.With(("x", new[] { key }), ("y", new[] { end }));
            // An en space keeps a label beside a bar clear of the whisker's cap.
            trace.With(("text", new[] { horizontal ? "\u2002" + label : label }), ("textposition", horizontal ? "middle right" : "top center"),
                ("textfont", ChartStyle.FontOfSize(11)), ("cliponaxis", false), ("hoverinfo", "skip"));
        });
        return PlotlyChart.Combine([chart, text.WithTraceInfo(LegendGroup: style.Group)]);
    }

    /// <summary>
    /// A legend entry that draws nothing: the key to a kind of mark several series share — their shaded bands, published
    /// diamonds, the marker of a curve's lowest τ — in grey, so that the colours stay the estimators'.
    /// </summary>
    /// <param name="name">The entry, e.g. <c>± 1 standard error over 3 seeds</c>.</param>
    /// <param name="kind">What the entry shows: a shaded band, a marker, a line, or a line with markers.</param>
    /// <param name="symbol">The marker's symbol (for markers).</param>
    /// <param name="dash">The line's dash (for lines); null is solid.</param>
    /// <param name="color">The colour, grey by default.</param>
    /// <param name="group">The legend group whose traces the entry toggles; null for a group of its own.</param>
    public static GenericChart LegendKey(string name, LegendKeyKind kind, StyleParam.MarkerSymbol? symbol = null,
        StyleParam.DrawingStyle? dash = null, string color = ChartStyle.ReferenceGrey, string? group = null)
    {
        var chart = PlotlyChart.Scatter<double, double, string>(
            Array.Empty<double>(), Array.Empty<double>(),
            kind switch
            {
                LegendKeyKind.Marker => StyleParam.Mode.Markers,
                LegendKeyKind.LineWithMarkers => StyleParam.Mode.Lines_Markers,
                _ => StyleParam.Mode.Lines,
            },
            Name: name,
            ShowLegend: true,
            MarkerColor: Color.fromHex(color),
            MarkerSymbol: new Optional<StyleParam.MarkerSymbol>(symbol!, symbol is not null),
            LineColor: Color.fromHex(color),
            LineWidth: kind == LegendKeyKind.Band ? 0.0 : 2.0,
            LineDash: new Optional<StyleParam.DrawingStyle>(dash!, dash is not null),
            UseDefaults: false);
        chart = PlotlyProperties.MapTrace(chart, trace =>
        {
            // One missing point: Plotly hides a trace without points, legend entry and all, and draws nothing for a missing one.
            trace.With(("x", new object?[] { null }), ("y", new object?[] { null }));
            if (kind == LegendKeyKind.Band) trace.With(("fill", "toself"), ("fillcolor", EstimatorPalette.WithOpacity(color, 0.3)));
            trace.SetProperty("hoverinfo", "skip");
        });
        return chart.WithTraceInfo(LegendGroup: group ?? "key: " + name);
    }

    /// <summary>
    /// Gives each marker of a line with markers its own symbol and size (e.g. an open circle at a curve's lowest τ, a square at its
    /// highest); Plotly's legend entry shows the first point's.
    /// </summary>
    /// <param name="chart">A line made by <see cref="Line"/> (one trace).</param>
    /// <param name="symbols">Plotly symbol names, one per drawn point.</param>
    /// <param name="sizes">Sizes in pixels, one per drawn point.</param>
    internal static GenericChart WithPointSymbols(GenericChart chart, IReadOnlyList<string> symbols, IReadOnlyList<int> sizes) =>
        PlotlyProperties.MapTrace(chart, trace => SetMarker(trace, ("symbol", symbols.ToArray()), ("size", sizes.ToArray()), ("line", Outline())));

    /// <summary>
    /// Adds vertical error bars of half-lengths <paramref name="errors"/>, one per drawn point, in <paramref name="color"/> to a
    /// one-trace chart (e.g. a line with markers made by <see cref="Line"/> whose points are all finite).
    /// </summary>
    internal static GenericChart WithErrorBars(GenericChart chart, IReadOnlyList<double> errors, string color) =>
        PlotlyProperties.MapTrace(chart, trace => trace.SetProperty("error_y", ErrorBars(errors.ToArray(), color)));

    private static GenericChart WithHover(GenericChart chart, IReadOnlyList<string>? hover) =>
        hover is null ? chart : PlotlyProperties.MapTrace(chart, trace =>
            trace.With(("customdata", hover.ToArray()), ("hovertemplate", "%{customdata}<extra></extra>")));

    private static GenericChart BandPolygon(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        int start, int end, SeriesStyle style)
    {
        var forward = Enumerable.Range(start, end - start).ToArray();
        var backward = forward.Reverse().ToArray();
        var polygonX = forward.Select(i => x[i]).Concat(backward.Select(i => x[i])).ToArray();
        var polygonY = forward.Select(i => upper[i]).Concat(backward.Select(i => lower[i])).ToArray();
        var chart = PlotlyChart.Scatter<double, double, string>(
            polygonX, polygonY, StyleParam.Mode.Lines,
            Name: style.Name + " ± spread",
            ShowLegend: false,
            LineWidth: 0.0,
            LineColor: Color.fromString(EstimatorPalette.WithOpacity(style.Color, 0)),
            Fill: StyleParam.Fill.ToSelf,
            FillColor: Color.fromString(EstimatorPalette.WithOpacity(style.Color, 0.18)),
            UseDefaults: false);
        return PlotlyProperties.MapTrace(chart, trace => trace.SetProperty("hoverinfo", "skip")).WithTraceInfo(LegendGroup: style.Group);
    }

    private static (double[] X, double[] Y, string[]? Hover) FinitePoints(IReadOnlyList<double> x, IReadOnlyList<double> y,
        IReadOnlyList<string>? hover)
    {
        RequireSameLength(x, y, nameof(y));
        if (hover is not null && hover.Count != x.Count)
            throw new ArgumentException($"Expected {x.Count} hover texts (one per point), got {hover.Count}.", nameof(hover));
        var kept = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        return (kept.Select(i => x[i]).ToArray(), kept.Select(i => y[i]).ToArray(), hover is null ? null : kept.Select(i => hover[i]).ToArray());
    }

    private static bool IsFinitePoint(double x, double lower, double upper) =>
        double.IsFinite(x) && double.IsFinite(lower) && double.IsFinite(upper);

    private static void RequireSameLength(IReadOnlyList<double> x, IReadOnlyList<double> other, string name)
    {
        if (other.Count != x.Count)
            throw new ArgumentException($"Expected {x.Count} values (one per abscissa), got {other.Count}.", name);
    }

    private static Plotly.NET.TraceObjects.Error ErrorBars(double[] halfLengths, string color) =>
        new Plotly.NET.TraceObjects.Error().With(("type", "data"), ("array", halfLengths), ("visible", true), ("color", color),
            ("thickness", 1.5), ("width", 4));

    /// <summary>A white outline around a marker.</summary>
    private static Line Outline() => new Line().With(("color", "#FFFFFF"), ("width", 1));

    /// <summary>Sets properties of the trace's marker, which is created when the trace has none.</summary>
    private static void SetMarker(Trace trace, params (string Name, object Value)[] properties) =>
        trace.SetProperty("marker", (trace.TryGetTypedPropertyValue<Plotly.NET.TraceObjects.Marker>("marker")?.Value
            ?? new Plotly.NET.TraceObjects.Marker()).With(properties));
}
