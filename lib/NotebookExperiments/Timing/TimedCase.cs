namespace NotebookExperiments.Timing;

/// <summary>One thing to time: an invocation that performs <paramref name="OperationsPerInvocation"/> operations.</summary>
/// <param name="Name">What is timed.</param>
/// <param name="Invoke">One invocation; it owns its TorchSharp dispose scope, so that timings include freeing what it allocates.</param>
/// <param name="OperationsPerInvocation">
/// The operations one invocation performs (a training step, an estimate, a member step); times are reported per operation.
/// </param>
internal sealed record TimedCase(string Name, Action Invoke, int OperationsPerInvocation = 1);
