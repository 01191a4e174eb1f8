namespace NotebookExperiments.Statistics;

/// <summary>
/// Splits items ranked best first into consecutive groups such that every item of a group is resolved as better than every item
/// of every later group. A cut between ranks i and i + 1 is made only when each item at rank ≤ i is resolved as better than each
/// item at rank &gt; i; within a group some pairs may be resolved, but not enough to cut. Used by the readings to state which
/// orderings the seeds resolve.
/// </summary>
/// <remarks>
/// A cut claims a conjunction (every pair across it, at every checkpoint the caller tests); stating it only when every one of its
/// tests rejects at the 95 % level is an intersection–union test, whose level is 95 % without a correction for the number of
/// tests.
/// </remarks>
internal static class SeparatedGroups
{
    /// <summary>The groups of <paramref name="ranked"/> (best first) under <paramref name="resolvedBetter"/>(a, b): a is resolved as better than b.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Of<T>(IReadOnlyList<T> ranked, Func<T, T, bool> resolvedBetter)
    {
        var groups = new List<IReadOnlyList<T>>();
        int start = 0;
        for (int cut = 1; cut < ranked.Count; cut++)
        {
            bool separated = true;
            for (int a = 0; a < cut && separated; a++)
                for (int b = cut; b < ranked.Count && separated; b++)
                    separated = resolvedBetter(ranked[a], ranked[b]);
            if (!separated) continue;
            groups.Add(ranked.Skip(start).Take(cut - start).ToList());
            start = cut;
        }
        if (ranked.Count > 0) groups.Add(ranked.Skip(start).ToList());
        return groups;
    }

    /// <summary>The groups as text: <c>ReinMax, ZGR &gt; ReinMax-Rao &gt; ST, ST-GS</c>.</summary>
    public static string Format<T>(IReadOnlyList<IReadOnlyList<T>> groups, Func<T, string> name, string separator = " > ") =>
        string.Join(separator, groups.Select(g => string.Join(", ", g.Select(name))));
}
