using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The key of a stored unit: a readable label and a hash of everything the unit's numbers depend on, e.g.
/// <c>8x4|beta=0.5|seed=0#3f2a9c0b1d7e4a65</c>. Two units with the same key are the same computation; a change of any input
/// (epochs, data, learning rate, the estimator's canonical spec or, for an estimator defined in a notebook, its code) gives
/// another key, so stored results are reused exactly when they apply.
/// </summary>
public static class UnitKey
{
    /// <summary>The key of a unit labelled <paramref name="label"/> whose numbers depend on <paramref name="inputs"/>.</summary>
    /// <param name="label">What the unit is, for people (missing-unit lists, logs); must not contain <c>#</c>.</param>
    /// <param name="inputs">Everything the unit depends on, serialised as JSON (records, anonymous objects, numbers, strings).</param>
    public static string Of(string label, object inputs)
    {
        if (label.Contains('#')) throw new ArgumentException($"A unit label cannot contain '#': {label}", nameof(label));
        return $"{label}#{Hash(inputs)}";
    }

    /// <summary>The readable label of a key (the part before <c>#</c>).</summary>
    public static string LabelOf(string key)
    {
        int hash = key.LastIndexOf('#');
        return hash < 0 ? key : key[..hash];
    }

    /// <summary>The first 16 hex digits of the SHA-256 of <paramref name="inputs"/> as JSON (snake_case names, invariant numbers).</summary>
    public static string Hash(object inputs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(inputs, inputs.GetType(), ResultStore.JsonOptions))))[..16];
}
