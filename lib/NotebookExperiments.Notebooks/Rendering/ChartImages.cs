using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Reports;

namespace NotebookExperiments.Notebooks.Rendering;

/// <summary>
/// Static images of a notebook's Plotly charts, for viewers that do not run scripts (GitHub, nbviewer's static mode, a text
/// editor's preview). The kernel's chart outputs (Plotly.NET.Interactive) are <c>text/html</c> that draws the figure with
/// plotly.js; each one is drawn here in headless Chromium (Debian's <c>chromium</c>) with plotly.js embedded from the Plotly.NET
/// assembly (<see cref="PlotlyJs"/>), no network, and exported by plotly.js itself (<c>Plotly.toImage</c>) as PNG at the
/// figure's own size.
/// </summary>
/// <remarks>
/// Chromium is driven by its own headless switches: the page draws every chart, writes the images into the page, and
/// <c>--dump-dom</c> prints the page once it is idle (<c>--virtual-time-budget</c>), so one browser process renders all charts
/// of a notebook.
/// </remarks>
internal static partial class ChartImages
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The MIME type of the images added.</summary>
    public const string ImageMimeType = "image/png";

    /// <summary>The <c>text/plain</c> of a chart output whose HTML was replaced by its image.</summary>
    public const string PlainText = "Plotly chart (a static image; run the notebook for the interactive chart)";

    /// <summary>Why charts cannot be rendered here, with how to get what is missing; null when they can.</summary>
    public static string? Unavailable => File.Exists(ChromiumPath) ? null
        : $"No Chromium at {ChromiumPath} to draw the charts as images (Debian: apt-get install chromium; bash tests/run-tests.sh installs it).";

    /// <summary>Whether an output is a Plotly chart drawn by script (HTML that calls <c>Plotly.newPlot</c>).</summary>
    public static bool IsChart(InteractiveDocumentOutputElement output) => output.GetText("text/html") is { } html && DrawsChart(html);

    /// <summary>Whether HTML draws a Plotly chart (calls <c>Plotly.newPlot</c>) and so needs plotly.js.</summary>
    public static bool DrawsChart(string html) => html.Contains("Plotly.newPlot", StringComparison.Ordinal);

    /// <summary>Whether an output carries a static image.</summary>
    public static bool HasImage(InteractiveDocumentOutputElement output) =>
        output.MimeData is { } data && (data.ContainsKey(ImageMimeType) || data.ContainsKey("image/svg+xml"));

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that answers RequireJS's calls with the embedded plotly.js. The kernel's chart outputs
    /// (Plotly.NET.Interactive) ask RequireJS for plotly.js from a CDN, and fetch RequireJS itself from a CDN when the page has
    /// none; with this element after <see cref="PlotlyJs.ScriptElement"/>, <c>requirejs.config(…)</c> returns a loader that hands
    /// the charts the <c>Plotly</c> already on the page, so they draw offline.
    /// </summary>
    public static string RequireShimElement() =>
        "<script type=\"text/javascript\">(function () { var load = function (modules, ready) { ready(window.Plotly); }; " +
        "load.config = function () { return load; }; window.requirejs = load; window.require = load; })();</script>";

    /// <summary>
    /// Gives every chart output of <paramref name="notebook"/> (in place) a PNG of its figure. With
    /// <paramref name="keepInteractive"/> false the chart's HTML is removed, so that every viewer shows the image (a viewer
    /// that prefers <c>text/html</c>, as Jupyter's converters do, and strips scripts would show an empty chart); with true the
    /// image is added beside it.
    /// </summary>
    /// <returns>The number of charts rendered.</returns>
    /// <exception cref="ChartRenderingException">Chromium is missing, failed, or did not return an image for every chart.</exception>
    public static int Render(InteractiveDocument notebook, bool keepInteractive = false, TimeSpan? timeout = null)
    {
        var charts = notebook.Elements.SelectMany(c => c.Outputs).Where(IsChart).ToList();
        if (charts.Count == 0) return 0;
        var images = RenderHtml(charts.Select(o => o.GetText("text/html")!).ToList(), timeout ?? TimeSpan.FromMinutes(3));
        for (int i = 0; i < charts.Count; i++)
        {
            charts[i].SetText(ImageMimeType, images[i]);
            if (keepInteractive) continue;
            charts[i].MimeData!.Remove("text/html");
            charts[i].SetText("text/plain", PlainText);
        }
        return charts.Count;
    }

    /// <summary>Draws each chart's HTML in one headless Chromium page and returns each figure's PNG as base64, in order.</summary>
    /// <exception cref="ChartRenderingException">Chromium is missing, failed, or did not return an image for every chart.</exception>
    public static IReadOnlyList<string> RenderHtml(IReadOnlyList<string> chartHtml, TimeSpan timeout)
    {
        if (Unavailable is { } reason) throw new ChartRenderingException(reason);
        var folder = Directory.CreateTempSubdirectory("chart-images-").FullName;
        try
        {
            var page = Path.Combine(folder, "charts.html");
            File.WriteAllText(page, Page(chartHtml));
            var dom = RunChromium(page, folder, timeout);
            var result = Result().Match(dom);
            if (!result.Success)
                throw new ChartRenderingException($"Chromium drew the page but returned no images (after {timeout.TotalSeconds:F0} s).");
            var text = WebUtility.HtmlDecode(result.Groups["json"].Value);
            if (text.StartsWith("ERROR", StringComparison.Ordinal)) throw new ChartRenderingException($"plotly.js could not export a chart: {text[5..].Trim()}");
            var urls = JsonSerializer.Deserialize<string[]>(text) ?? [];
            const string prefix = "data:image/png;base64,";
            if (urls.Length != chartHtml.Count || urls.Any(u => !u.StartsWith(prefix, StringComparison.Ordinal)))
                throw new ChartRenderingException($"Chromium returned {urls.Count(u => u.StartsWith(prefix, StringComparison.Ordinal))} images for {chartHtml.Count} charts.");
            return urls.Select(u => u[prefix.Length..]).ToList();
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>
    /// The page: plotly.js and the RequireJS stand-in that hands it to the charts, each chart in a numbered container, and a
    /// script that, once the page has loaded, exports every figure at its drawn size and writes the data URLs (as JSON) into
    /// the element the caller reads back.
    /// </summary>
    private static string Page(IReadOnlyList<string> chartHtml)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<style>body { margin: 0; width: 1000px; background: white; } .chart-output { width: 1000px; }</style>\n")
            .Append(PlotlyJs.ScriptElement()).Append('\n').Append(RequireShimElement()).Append('\n')
            .Append("</head>\n<body>\n");
        foreach (var html in chartHtml) page.Append("<div class=\"chart-output\">").Append(PlotlyJs.RemoveScriptElements(html)).Append("</div>\n");
        page.Append("""
            <pre id="chart-images"></pre>
            <script type="text/javascript">
            window.addEventListener('load', function () {
              var out = document.getElementById('chart-images');
              var charts = Array.prototype.slice.call(document.querySelectorAll('div.chart-output')).map(function (c) { return c.querySelector('.js-plotly-plot'); });
              Promise.all(charts.map(function (gd) {
                if (!gd) return Promise.reject('a chart was not drawn');
                var size = gd._fullLayout || {};
                return Plotly.toImage(gd, { format: 'png', width: size.width || 700, height: size.height || 450, scale: 1 });
              })).then(function (urls) { out.textContent = JSON.stringify(urls); }, function (e) { out.textContent = 'ERROR ' + e; });
            });
            </script>
            </body>
            </html>
            """);
        return page.ToString();
    }

    private static string RunChromium(string page, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(ChromiumPath,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // Nothing leaves the machine: every host name resolves nowhere.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            $"--user-data-dir={Path.Combine(folder, "profile")}", "--window-size=1000,800",
            "--virtual-time-budget=60000", "--dump-dom", new Uri(page).AbsoluteUri,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["HOME"] = folder;
        using var process = Process.Start(start) ?? throw new ChartRenderingException($"Could not start {ChromiumPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout + TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new ChartRenderingException($"Chromium did not finish drawing the charts within {timeout}.");
        }
        if (process.ExitCode != 0)
        {
            var error = stderr.Result;
            throw new ChartRenderingException($"Chromium exited with {process.ExitCode}: {(error.Length <= 2000 ? error : "…" + error[^2000..])}");
        }
        return stdout.Result;
    }

    [GeneratedRegex("<pre id=\"chart-images\">(?<json>[^<]*)</pre>")]
    private static partial Regex Result();
}
