// Loaded by setup.csx, in a submission of its own, once the library is built and referenced: loads TorchSharp, opens the
// namespaces the notebooks use, and defines `Session`, the one object through which a notebook runs its analyses. The
// kernel-specific part lives here (the output that a progress bar updates in place, the Stop button's cancellation token, the
// notebook's variables), so the library does not depend on the kernel.
#nullable enable
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookExperiments;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Display;
using NotebookExperiments.Estimators;
using NotebookExperiments.Native;
using NotebookExperiments.Reports;
using NotebookExperiments.Training;
using static TorchSharp.torch;

// TorchSharp's native libraries before anything uses them: its own LibTorch, never a system one, and the GLIBCXX_3.4.32 fix on
// Debian 12 / Ubuntu 22.04. All cores until a session says otherwise.
TorchRuntime.EnsureLoaded();
set_num_threads(Environment.ProcessorCount);

/// <summary>
/// Where a notebook's analyses run: the data, the device, the CPU threads and the result folder, applied once
/// (<see cref="Start"/>), then one call per analysis (<see cref="Run{TParameters, TResult}"/>), which shows its progress in the
/// running cell and stops when the kernel's Stop is pressed.
/// </summary>
sealed class Session
{
    /// <summary>The MNIST images every analysis of the notebook trains and measures on.</summary>
    public TrainingData Data { get; }

    /// <summary>The compute device.</summary>
    public Device Device { get; }

    /// <summary>The notebook's result folder, relative to the kernel's working folder (the notebook's) or absolute.</summary>
    public string OutputDirectory { get; }

    private Session(TrainingData data, Device device, string outputDirectory) =>
        (Data, Device, OutputDirectory) = (data, device, outputDirectory);

    /// <summary>
    /// Applies a notebook's parameters cell: the device (<c>cpu</c>, <c>cuda</c> or <c>auto</c>), the CPU threads (0: all cores),
    /// the MNIST folder (empty: the repository's <c>data/mnist</c>, fetched when missing) and the result folder.
    /// </summary>
    public static Session Start(string device, int threads, string dataDirectory, string outputDirectory)
    {
        var computeDevice = TorchRuntime.ResolveDevice(device);
        set_num_threads(threads > 0 ? threads : System.Environment.ProcessorCount);
        var data = TrainingData.LoadMnist(dataDirectory is "" ? null : dataDirectory, new SynchronousProgress<string>(Console.WriteLine));
        return new Session(data, computeDevice, outputDirectory);
    }

    /// <summary>
    /// The parameters of an analysis as the notebook's parameters cell sets them: the preset named by its <c>preset</c> variable,
    /// with every knob (<see cref="Override.Knobs"/>) that a variable of the same name in camel case gives (<c>trainSize</c> for
    /// <c>TrainSize</c>) under the rule of <see cref="Override"/> (empty lists and zeros leave the preset's values), validated.
    /// </summary>
    /// <exception cref="InvalidOperationException">The notebook has no <c>preset</c> variable.</exception>
    /// <exception cref="ArgumentException">A value of the wrong type or out of range (the message names it).</exception>
    public TParameters Parameters<TParameters>() where TParameters : class, IAnalysisParameters<TParameters>
    {
        var state = ((CSharpKernel)KernelInvocationContext.Current.HandlingKernel).ScriptState;
        var preset = state?.GetVariable("preset")?.Value as string
            ?? throw new InvalidOperationException("The parameters cell declares no string `preset` (\"quick\", \"paper\", ...).");
        var values = Override.Knobs(typeof(TParameters)).Select(k => Override.CamelCase(k.Name))
            .Select(name => (Name: name, Variable: state!.GetVariable(name))).Where(v => v.Variable is not null)
            .Select(v => KeyValuePair.Create<string, object?>(v.Name, v.Variable!.Value));
        var parameters = Override.Apply(TParameters.FromPreset(preset), values);
        parameters.Validate();
        return parameters;
    }

    /// <summary>
    /// An environment for one run in <paramref name="folder"/> (null: <see cref="OutputDirectory"/>): a progress bar shown in the
    /// running cell and updated in place, and the running cell's cancellation token, which the kernel cancels on Stop.
    /// </summary>
    public AnalysisEnvironment Environment(string? folder = null)
    {
        // The invocation context's Display, whose handle updates its own output (the handle of the kernel's display() helper
        // belongs to another output id, so its updates are lost).
        var context = KernelInvocationContext.Current;
        var status = context.Display(new HtmlText(ProgressView.Initial));
        return new AnalysisEnvironment(folder ?? OutputDirectory, Data, Device, new ProgressView(html => status.Update(new HtmlText(html))),
            context.CancellationToken);
    }

    /// <summary>Runs <paramref name="analysis"/> with <paramref name="parameters"/> in <paramref name="folder"/> (null: the notebook's) and returns its result.</summary>
    public TResult Run<TParameters, TResult>(Analysis<TParameters, TResult> analysis, TParameters parameters, string? folder = null)
        where TParameters : class, IAnalysisParameters<TParameters> =>
        analysis.Run(parameters, Environment(folder));

    /// <summary>
    /// Runs <paramref name="analysis"/> (a side view of the notebook's analysis, such as the batch-size view) in the folder named
    /// after it beside the notebook's result folder (<c>../results/batch-size</c> beside <c>../results/temperature-study</c>): where
    /// the command line writes it and the reproduction report looks for it.
    /// </summary>
    public TResult RunBeside<TParameters, TResult>(Analysis<TParameters, TResult> analysis, TParameters parameters)
        where TParameters : class, IAnalysisParameters<TParameters> =>
        Run(analysis, parameters, System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(OutputDirectory))!, analysis.Name));

    /// <summary>What running <paramref name="analysis"/> would do now and how long it would take here.</summary>
    public PlanEstimate Estimate<TParameters, TResult>(Analysis<TParameters, TResult> analysis, TParameters parameters)
        where TParameters : class, IAnalysisParameters<TParameters> =>
        analysis.Estimate(parameters, new AnalysisEnvironment(OutputDirectory, Data, Device));
}
