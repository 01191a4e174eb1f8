using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// The README's main job (<see cref="ReadmeCommandTests"/>): minutes of one process that takes its share of the cores beside
/// whatever else computes (the library's core leases: a thread per free core, none spinning against another run), so it runs
/// beside the parallel collections, where it fills the time they spend waiting (the kernel's first restore, Slurm's queue,
/// Chromium), rather than after them with <see cref="ProcessCollection"/>. Its numbers do not depend on what runs beside it:
/// the only ones that depend on the thread count are computed with the count the run would have alone.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MainJobCollection : ICollectionFixture<MnistFixture>
{
    public const string Name = "The README's main job";
}
