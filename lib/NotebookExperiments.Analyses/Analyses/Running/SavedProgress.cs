namespace NotebookExperiments.Analyses;

/// <summary>
/// What a run has saved so far: units recorded and checkpoints written. A run stopped before its end goes on from there when it
/// is started again; one that saved nothing would not get further under the same time limit (a Slurm task then does not requeue).
/// </summary>
public sealed class SavedProgress
{
    private int _units, _checkpoints;

    /// <summary>Units recorded in the result store.</summary>
    public int Units => _units;

    /// <summary>Checkpoints written (an ensemble's epoch, a reference model's checkpoint).</summary>
    public int Checkpoints => _checkpoints;

    /// <summary>Whether anything was saved.</summary>
    public bool Any => Units + Checkpoints > 0;

    /// <summary>Counts a recorded unit.</summary>
    public void Unit() => Interlocked.Increment(ref _units);

    /// <summary>Counts a written checkpoint.</summary>
    public void Checkpoint() => Interlocked.Increment(ref _checkpoints);

    /// <summary>E.g. <c>3 units and 2 checkpoints</c>.</summary>
    public string Describe() => $"{Phrases.Count(Units, "unit")} and {Phrases.Count(Checkpoints, "checkpoint")}";
}
