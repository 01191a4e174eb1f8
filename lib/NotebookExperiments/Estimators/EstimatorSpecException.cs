namespace NotebookExperiments.Estimators;

/// <summary>A spec string names an unknown estimator or parameter, or gives a value out of range. The message lists what is accepted.</summary>
public sealed class EstimatorSpecException(string message) : ArgumentException(message);
