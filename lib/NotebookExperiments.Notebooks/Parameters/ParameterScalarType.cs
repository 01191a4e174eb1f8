namespace NotebookExperiments.Notebooks.Parameters;

/// <summary>The element types a notebook parameter may have (alone or as a one-dimensional array).</summary>
internal enum ParameterScalarType
{
    /// <summary><c>int</c>.</summary>
    Int32,

    /// <summary><c>long</c>.</summary>
    Int64,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>float</c>.</summary>
    Single,

    /// <summary><c>decimal</c>.</summary>
    Decimal,

    /// <summary><c>bool</c>.</summary>
    Boolean,

    /// <summary><c>string</c>.</summary>
    String,
}
