namespace NotebookExperiments.Notebooks.Running;

/// <summary>Where a code cell is in its run.</summary>
internal enum CellProgressStage
{
    /// <summary>The cell is about to run.</summary>
    Started,

    /// <summary>The cell ran to its end.</summary>
    Succeeded,

    /// <summary>The cell failed to compile or threw; the run stops.</summary>
    Failed,
}
