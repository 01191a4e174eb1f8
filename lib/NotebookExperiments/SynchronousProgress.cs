namespace NotebookExperiments;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its action at once, on the reporting thread (<see cref="Progress{T}"/> posts to a
/// synchronisation context or the thread pool, so its reports can arrive late and out of order).
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
