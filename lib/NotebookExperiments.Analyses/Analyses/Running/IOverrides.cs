namespace NotebookExperiments.Analyses;

/// <summary>What a user may change of an analysis's preset (the rule for "not given" is <see cref="Override"/>'s).</summary>
/// <typeparam name="TParameters">The analysis's parameters record.</typeparam>
public interface IOverrides<TParameters>
{
    /// <summary><paramref name="preset"/> with the values given in place of its own.</summary>
    /// <exception cref="ArgumentException">A value the preset cannot take; the message names it.</exception>
    TParameters ApplyTo(TParameters preset);
}
