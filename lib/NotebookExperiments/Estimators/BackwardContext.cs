using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NotebookExperiments.Estimators;

/// <summary>
/// What a backward rule sees: the logits, the forward sample and the upstream gradient, all <c>[...batch, L, C]</c>.
/// All tensors are detached; the rule returns the estimator's gradient with respect to the logits.
/// </summary>
public sealed class BackwardContext
{
    private Tensor? _probabilities;

    internal BackwardContext(Tensor logits, Tensor sample, Tensor grad, double tau, Generator generator, Tensor? perturbed)
    {
        Logits = logits;
        Sample = sample;
        Grad = grad;
        Tau = tau;
        Generator = generator;
        Perturbed = perturbed;
    }

    /// <summary>θ, the logits.</summary>
    public Tensor Logits { get; }

    /// <summary>π = softmax(θ) at temperature 1 (the forward distribution).</summary>
    public Tensor Probabilities => _probabilities ??= functional.softmax(Logits, -1);

    /// <summary>D, the one-hot forward sample.</summary>
    public Tensor Sample { get; }

    /// <summary>g = ∂L/∂D, the upstream gradient at the one-hot output.</summary>
    public Tensor Grad { get; }

    /// <summary>The estimator's temperature τ (1 for temperature-free estimators).</summary>
    public double Tau { get; }

    /// <summary>The run's generator, for rules that draw noise in the backward pass (e.g. conditional Gumbel samples).</summary>
    public Generator Generator { get; }

    /// <summary>θ + G for estimators whose forward is a Gumbel-max sample (ST-GS); null otherwise.</summary>
    public Tensor? Perturbed { get; }

    /// <summary>The selected class's upstream gradient <c>g_i = ⟨D, g⟩</c>, <c>[...batch, L, 1]</c>.</summary>
    public Tensor SelectedGrad => (Sample * Grad).sum(-1, keepdim: true);
}

/// <summary>A backward rule: the logit gradient <c>∂θ</c> <c>[...batch, L, C]</c> as a function of π, D, g, τ (and noise).</summary>
public delegate Tensor BackwardRule(BackwardContext context);
