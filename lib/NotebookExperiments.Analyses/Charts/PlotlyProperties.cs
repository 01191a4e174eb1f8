using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;

namespace NotebookExperiments.Charts;

/// <summary>
/// Plotly.NET's objects are dynamic (each a <see cref="DynamicObj.DynamicObj"/> whose properties become Plotly JSON under their
/// own names): setting several at once, and changing a chart's layout, one of its axes or each of its traces in place.
/// </summary>
internal static class PlotlyProperties
{
    /// <summary>Sets each property in turn (a property's JSON keeps the order given) and returns <paramref name="owner"/>.</summary>
    public static T With<T>(this T owner, params (string Name, object Value)[] properties) where T : DynamicObj.DynamicObj
    {
        foreach (var (name, value) in properties) owner.SetProperty(name, value);
        return owner;
    }

    /// <summary>The chart with <paramref name="change"/> applied to its layout.</summary>
    public static GenericChart MapLayout(GenericChart chart, Action<Layout> change) =>
        GenericChart.mapLayout(FuncConvert.FromFunc<Layout, Layout>(layout =>
        {
            change(layout);
            return layout;
        }), chart);

    /// <summary>The chart with <paramref name="change"/> applied to each of its traces.</summary>
    public static GenericChart MapTrace(GenericChart chart, Action<Trace> change) =>
        GenericChart.mapTrace(FuncConvert.FromFunc<Trace, Trace>(trace =>
        {
            change(trace);
            return trace;
        }), chart);

    /// <summary>The chart with <paramref name="change"/> applied to the layout's axis <paramref name="name"/> (e.g. <c>xaxis2</c>),
    /// which is created when the layout has none.</summary>
    public static GenericChart MapAxis(GenericChart chart, string name, Action<LinearAxis> change) =>
        MapLayout(chart, layout =>
        {
            var axis = layout.TryGetTypedPropertyValue<LinearAxis>(name)?.Value ?? new LinearAxis();
            change(axis);
            layout.SetProperty(name, axis);
        });
}
