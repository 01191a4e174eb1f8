using Microsoft.Playwright;
using NotebookExperiments.Charts;
using NotebookExperiments.Reports;
using Plotly.NET;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// Reads what plotly.js drew in a page and lists what a reader could not read: the layout checks of <see cref="FigureLayoutTests"/>.
/// </summary>
/// <remarks>
/// For each chart of the page (<c>.js-plotly-plot</c>), the script <see cref="Script"/> reads the drawn SVG and plotly.js's own
/// resolved figure (<c>_fullData</c>, <c>_fullLayout</c>) and reports:
/// <list type="bullet">
/// <item>two text boxes that overlap (bounding boxes from <c>getBoundingClientRect</c>, intersecting by more than
/// <see cref="OverlapTolerance"/> px each way): titles, subtitles, axis titles, tick labels, legend entries, annotations and
/// footnotes, panel titles, colour-bar ticks and titles, text on points, bars and heatmap cells;</item>
/// <item>text on the data (labels of points and bars) that covers an error bar or whisker;</item>
/// <item>text, the legend or the figure itself running off the figure or its container;</item>
/// <item>a trace drawn without a legend entry of its own legend group (heatmaps, explained by their colour bars, bars named by
/// their category axis and text-only traces excepted), a kind of mark — line dash, marker symbol, shaded band — drawn without
/// any legend entry of that kind, and a legend entry plotly.js did not draw;</item>
/// <item>an axis our data fill less than <see cref="MinimumFill"/> of (published points, whose trace names say "published", are
/// not ours: they must not stretch our axes), and a series of ours lying apart from at least three others, some of them curves,
/// behind an empty gap wider than their span and than <see cref="GapShare"/> of the span of our values (one series squeezing the
/// curves; the figures' own rule, <see cref="AxisOutliers"/>, measured here on what plotly.js drew).</item>
/// </list>
/// Category axes and heatmaps are not checked for fill. Log axes are measured in decades.
/// </remarks>
internal static class FigureLayout
{
    /// <summary>Two text boxes that share less than this many pixels in either direction do not overlap (anti-aliasing, rounding).</summary>
    public const double OverlapTolerance = 1.0;

    /// <summary>The least share of an axis our data must span.</summary>
    public const double MinimumFill = 0.7;

    /// <summary>The share of the span of all our values an empty gap before one series may take (<see cref="AxisOutliers.GapShare"/>).</summary>
    public const double GapShare = AxisOutliers.GapShare;

    /// <summary>
    /// A page that draws <paramref name="chart"/> as the reproduction report does (<c>Plotly.newPlot</c> of the figure's JSON)
    /// inside a container <paramref name="width"/> pixels wide, with the plotly.js Plotly.NET ships (<see cref="PlotlyJs"/>) from
    /// <see cref="PlotlyFileName"/> beside the page (written once per folder, so that the browser reads it from its cache).
    /// </summary>
    public static string Page(GenericChart chart, int width, string folder)
    {
        var script = Path.Combine(folder, PlotlyFileName);
        if (!File.Exists(script)) File.WriteAllText(script, PlotlyJs.Source);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>figure</title>" +
        "<style>body{margin:0;background:#fff}#container{width:" + width + "px}</style>\n" +
        $"<script type=\"text/javascript\" src=\"{PlotlyFileName}\"></script>\n</head><body>" +
        "<div id=\"container\"><div id=\"figure\"></div></div>\n<script type=\"text/javascript\">(function () { var figure = " +
        ChartExport.ToJson(chart).Replace("</", "<\\/", StringComparison.Ordinal) +
        "; Plotly.newPlot(\"figure\", figure.data, figure.layout, figure.config); })();</script>\n</body></html>\n";
    }

    /// <summary>The file name of plotly.js beside the pages of <see cref="Page"/>.</summary>
    public const string PlotlyFileName = "plotly.min.js";

    /// <summary>The problems of every chart of the page, one list per chart in page order.</summary>
    public static async Task<IReadOnlyList<string[]>> CheckAsync(IPage page) =>
        await page.EvaluateAsync<string[][]>(
            $"() => Array.from(document.querySelectorAll('.js-plotly-plot')).map({Script})");

    /// <summary>The check of one chart element (<c>gd</c>): an array of problems, empty when the chart is legible.</summary>
    public static string Script { get; } = $$"""
        (gd) => {
          const problems = [];
          const fl = gd._fullLayout;
          const svg = gd.querySelector('svg.main-svg');
          const page = svg.getBoundingClientRect();
          const where = r => `at (${Math.round(r.left - page.left)}, ${Math.round(r.top - page.top)}), ${Math.round(r.width)}×${Math.round(r.height)} px`;
          const container = gd.parentElement.getBoundingClientRect();
          if (page.width > container.width + 0.5)
            problems.push(`the figure is ${Math.round(page.width)} px wide, wider than its ${Math.round(container.width)} px container`);

          // Text boxes.
          const visible = el => {
            for (let e = el; e && e !== gd; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
            }
            return true;
          };
          const classes = el => ((el.getAttribute('class') || '') + ' ' + (el.parentNode.getAttribute && el.parentNode.getAttribute('class') || ''));
          const kindOf = el => {
            const c = classes(el);
            if (el.closest('.colorbar')) return 'colour-bar text';
            if (el.closest('.legend')) return 'legend entry';
            if (el.closest('.g-gtitle')) return 'title';
            if (el.closest('.annotation')) return 'annotation';
            if (/\b[xy]\d*tick\b/.test(c)) return 'tick label';
            if (/\b[xy]\d*title\b/.test(c)) return 'axis title';
            if (el.closest('.heatmaplayer') || el.closest('.hm')) return 'heatmap cell label';
            if (el.closest('.trace') || el.closest('.textpoint')) return 'text on the data';
            return 'text';
          };
          const texts = [];
          for (const el of gd.querySelectorAll('svg text')) {
            if (el.closest('.hoverlayer')) continue;
            const text = el.textContent.replace(/\s+/g, ' ').trim();
            if (!text || !visible(el)) continue;
            const r = el.getBoundingClientRect();
            if (r.width < 0.5 || r.height < 0.5) continue;
            texts.push({ text, kind: kindOf(el), r });
          }
          const cut = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const cutY = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          const quote = t => `${t.kind} "${t.text.length > 60 ? t.text.slice(0, 57) + '…' : t.text}"`;
          for (let i = 0; i < texts.length; i++)
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i], b = texts[j];
              const w = cut(a.r, b.r), h = cutY(a.r, b.r);
              if (w > {{Js(OverlapTolerance)}} && h > {{Js(OverlapTolerance)}})
                problems.push(`${quote(a)} overlaps ${quote(b)} by ${Math.round(w)}×${Math.round(h)} px ${where(a.r)}`);
            }
          for (const t of texts) {
            const r = t.r;
            if (r.left < page.left - 1 || r.right > page.right + 1 || r.top < page.top - 1 || r.bottom > page.bottom + 1)
              problems.push(`${quote(t)} runs off the ${Math.round(page.width)}×${Math.round(page.height)} px figure, ${where(r)}`);
          }
          const legendBox = gd.querySelector('.legend .bg');
          if (legendBox && visible(legendBox)) {
            const r = legendBox.getBoundingClientRect();
            if (r.width > 0 && (r.left < page.left - 1 || r.right > page.right + 1 || r.top < page.top - 1 || r.bottom > page.bottom + 1))
              problems.push(`the legend runs off the figure, ${where(r)}`);
          }
          const whiskers = Array.from(gd.querySelectorAll('.errorbar path')).filter(visible).map(p => p.getBoundingClientRect())
            .filter(r => r.width > 0 || r.height > 0);
          for (const t of texts.filter(t => t.kind === 'text on the data'))
            for (const r of whiskers) {
              const w = cut(t.r, r), h = cutY(t.r, r);
              if (w > 0.5 && h > 0.5) { problems.push(`${quote(t)} covers an error bar or whisker ${where(r)}`); break; }
            }

          // Legend entries.
          const isFinite = v => v !== null && v !== undefined && (typeof v === 'string' ? v !== '' : Number.isFinite(v));
          const drawn = t => t.visible === true && (t.type !== 'scatter' ||
            Array.from(t.x || [], (x, i) => isFinite(x) && isFinite((t.y || [])[i])).some(Boolean));
          const exempt = t => t.type === 'heatmap' || t.type === 'bar' || (t.type === 'scatter' && (t.mode || '') === 'text');
          // Plotly takes a marker symbol by number or by name: compare names.
          const symbolValues = Plotly.PlotSchema.get().traces.scatter.attributes.marker.symbol.values;
          const symbolNames = {};
          for (let i = 0; i + 2 < symbolValues.length; i += 3) symbolNames[String(symbolValues[i])] = symbolValues[i + 2];
          const symbolName = s => symbolNames[String(s)] || String(s);
          const kinds = (t, asInLegend) => {
            if (t.type !== 'scatter') return [];
            const out = [], mode = t.mode || '';
            if (t.fill && t.fill !== 'none') out.push('shaded band');
            if (mode.includes('lines') && t.line && t.line.width > 0) out.push(`${t.line.dash || 'solid'} line`);
            if (mode.includes('markers')) {
              const s = t.marker && t.marker.symbol;
              const symbols = Array.isArray(s) ? (asInLegend ? [s[0]] : [...new Set(s)]) : [s || 'circle'];
              for (const x of symbols) out.push(`${symbolName(x)} marker`);
            }
            return out;
          };
          const inLegend = t => fl.showlegend !== false && t.showlegend !== false && t.visible === true;
          const legendKinds = new Set(gd._fullData.filter(inLegend).flatMap(t => kinds(t, true)));
          const legendGroups = new Set(gd._fullData.filter(inLegend).map(t => t.legendgroup).filter(g => g));
          const unnamed = new Set(), unexplained = new Set();
          for (const t of gd._fullData.filter(t => drawn(t) && !exempt(t))) {
            if (!inLegend(t) && !(t.legendgroup && legendGroups.has(t.legendgroup))) unnamed.add(`"${t.name}"`);
            for (const k of kinds(t, false)) if (!legendKinds.has(k)) unexplained.add(`${k} ("${t.name}")`);
          }
          const entries = gd._fullData.filter(inLegend).length, items = gd.querySelectorAll('.legend .traces').length;
          if (items !== entries) problems.push(`the legend draws ${items} entries for ${entries} traces that have one`);
          if (unnamed.size) problems.push(`drawn without a legend entry of their group: ${[...unnamed].join(', ')}`);
          if (unexplained.size) problems.push(`kinds of mark no legend entry shows: ${[...unexplained].join(', ')}`);

          // Our data fill the axes.
          const axisOf = id => fl[id.charAt(0) + 'axis' + id.slice(1)];
          const published = t => /published/i.test(t.name || '') || /published/i.test(t.legendgroup || '');
          const ours = gd._fullData.filter(t => t.type === 'scatter' && drawn(t) && !published(t) && (t.mode || '') !== 'text');
          const subplots = new Set(ours.map(t => `${t.xaxis}|${t.yaxis}`));
          for (const subplot of subplots) {
            const [xid, yid] = subplot.split('|');
            const traces = ours.filter(t => t.xaxis === xid && t.yaxis === yid);
            for (const [id, letter] of [[xid, 'x'], [yid, 'y']]) {
              const ax = axisOf(id);
              if (!ax || (ax.type !== 'linear' && ax.type !== 'log')) continue;
              const toAxis = v => ax.type === 'log' ? (v > 0 ? Math.log10(v) : NaN) : v;
              const groups = new Map();
              for (const t of traces) {
                const values = Array.from(t[letter] || [], v => toAxis(Number(v))).filter(Number.isFinite);
                if (!values.length) continue;
                const key = t.legendgroup || t.name;
                const g = groups.get(key) || { min: Infinity, max: -Infinity, curve: false };
                g.min = Math.min(g.min, ...values); g.max = Math.max(g.max, ...values);
                g.curve = g.curve || ((t.mode || '').includes('lines') && !(t.fill && t.fill !== 'none') && values.length >= 2);
                groups.set(key, g);
              }
              if (!groups.size) continue;
              const all = [...groups.values()];
              const min = Math.min(...all.map(g => g.min)), max = Math.max(...all.map(g => g.max));
              const span = Math.abs(ax.range[1] - ax.range[0]);
              const name = `${letter} axis ${id} ("${(ax.title && ax.title.text || '').replace(/<[^>]*>/g, '')}")`;
              const unit = ax.type === 'log' ? ' (decades)' : '';
              if (max > min && span > 0 && (max - min) / span < {{Js(MinimumFill)}})
                problems.push(`our data fill ${Math.round(100 * (max - min) / span)} % of the ${name}: ours ${min.toPrecision(3)} to ${max.toPrecision(3)}, axis ${Math.min(...ax.range).toPrecision(3)} to ${Math.max(...ax.range).toPrecision(3)}${unit}`);
              if (groups.size <= {{AxisOutliers.MinimumOthers}}) continue;
              for (const [key, g] of groups) {
                const rest = [...groups].filter(([k]) => k !== key).map(([, v]) => v);
                if (!rest.some(v => v.curve)) continue;   // single points squeezed together stay legible
                const lo = Math.min(...rest.map(v => v.min)), hi = Math.max(...rest.map(v => v.max));
                const gap = g.min > hi ? g.min - hi : lo > g.max ? lo - g.max : 0;
                if (max > min && gap > {{Js(GapShare)}} * (max - min) && gap > hi - lo)
                  problems.push(`"${key}" lies apart from the other series on the ${name}: the empty gap before it takes ${Math.round(100 * gap / (max - min))} % of our span and squeezes the others into ${Math.round(100 * (hi - lo) / span)} % of the axis (its values ${g.min.toPrecision(3)} to ${g.max.toPrecision(3)}, the others ${lo.toPrecision(3)} to ${hi.toPrecision(3)}${unit})`);
              }
            }
          }
          return problems;
        }
        """;

    private static string Js(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
