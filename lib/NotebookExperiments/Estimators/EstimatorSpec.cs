using System.Text.RegularExpressions;

namespace NotebookExperiments.Estimators;

/// <summary>
/// A parsed spec string <c>name[:key=value,...]</c>, e.g. <c>reinmax-rk2:beta=0.55,tau=1</c> or <c>gr-mc:k=100,tau=0.5</c>.
/// Names and keys are case-insensitive and kept in lower case; values are kept as written and validated by
/// <see cref="EstimatorCatalog.Create(EstimatorSpec)"/>.
/// </summary>
/// <param name="Name">The estimator's name.</param>
/// <param name="Arguments">The key/value pairs in the order written.</param>
public sealed partial record EstimatorSpec(string Name, IReadOnlyList<KeyValuePair<string, string>> Arguments)
{
    /// <summary>Parses a spec string (syntax only).</summary>
    /// <exception cref="EstimatorSpecException">Empty, a malformed pair, or a key given twice.</exception>
    public static EstimatorSpec Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new EstimatorSpecException("An estimator spec is empty. Expected name[:key=value,...], e.g. reinmax-rk2:beta=0.55,tau=1.");
        var trimmed = text.Trim();
        int colon = trimmed.IndexOf(':');
        var name = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        if (!NamePattern().IsMatch(name))
            throw new EstimatorSpecException($"'{text}': '{name}' is not an estimator name (letters, digits and '-', starting with a letter).");

        var arguments = new List<KeyValuePair<string, string>>();
        if (colon >= 0)
        {
            foreach (var part in trimmed[(colon + 1)..].Split(','))
            {
                int eq = part.IndexOf('=');
                var key = eq < 0 ? "" : part[..eq].Trim().ToLowerInvariant();
                var value = eq < 0 ? "" : part[(eq + 1)..].Trim();
                if (key.Length == 0 || value.Length == 0)
                    throw new EstimatorSpecException($"'{text}': '{part.Trim()}' is not a key=value pair. Expected name[:key=value,...].");
                if (arguments.Any(a => a.Key == key))
                    throw new EstimatorSpecException($"'{text}': '{key}' is given twice.");
                arguments.Add(new(key, value));
            }
        }
        return new EstimatorSpec(name, arguments);
    }

    /// <summary>Returns <paramref name="name"/> when it is a valid estimator name.</summary>
    /// <exception cref="ArgumentException">Not letters, digits and '-' starting with a letter.</exception>
    public static string RequireName(string name) =>
        name is not null && NamePattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not an estimator name: use lower-case letters, digits and '-', starting with a letter.", nameof(name));

    /// <inheritdoc />
    public override string ToString() =>
        Arguments.Count == 0 ? Name : Name + ":" + string.Join(",", Arguments.Select(a => a.Key + "=" + a.Value));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
