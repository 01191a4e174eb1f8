namespace NotebookExperiments.Notebooks;

/// <summary>The <c>output_type</c> of an nbformat 4 output.</summary>
public enum CellOutputKind
{
    /// <summary><c>stream</c>: text written to <c>stdout</c> or <c>stderr</c>.</summary>
    Stream,

    /// <summary><c>display_data</c>: a value shown with <c>display(…)</c>, as a MIME bundle.</summary>
    DisplayData,

    /// <summary><c>execute_result</c>: the value of a cell's trailing expression, as a MIME bundle.</summary>
    ExecuteResult,

    /// <summary><c>error</c>: the exception or compilation error that stopped a cell.</summary>
    Error,
}
