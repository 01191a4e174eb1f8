using NotebookExperiments.Models;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>
/// The matrix products of the categorical VAE's computations (<see cref="CategoricalVae"/>: encoder 784-512-256-(L·C),
/// decoder (L·C)-256-512-784), for FLOP counts and floors.
/// </summary>
/// <remarks>
/// <para>A linear layer <c>in → out</c> applied to R rows costs, in matrix products:
/// forward <c>[R, in]·[in, out]</c>, 2·R·in·out FLOPs; weight gradient <c>xᵀ·g</c> <c>[in, R]·[R, out]</c>, the same; input
/// gradient <c>g·Wᵀ</c> <c>[R, out]·[out, in]</c>, the same, needed unless the layer's input is a leaf without gradient.
/// So a training step costs about 3× its forward products; exactly, with F(R) = 2·R·Σ in·out over the layers given:</para>
/// <para><c>step = 3·F_enc(B) − 2·B·784·512 + 3·F_dec(E·B) − [no latent gradient] 2·E·B·(L·C)·256</c>, where B is the batch,
/// E the objective evaluations per example (NFE), the first layer's input gradient is never computed (images need no
/// gradient) and the decoder's first input gradient only when the latent carries a gradient (every estimator but
/// REINFORCE and exact enumeration). Bias additions, activations, the loss, the estimator's own element-wise work and the
/// optimiser are not counted: they are element-wise, O(parameters + activations), not O(products).</para>
/// </remarks>
internal static class VaeMatmuls
{
    /// <summary>The encoder layers as (name, inputs, outputs).</summary>
    public static IReadOnlyList<(string Name, int Inputs, int Outputs)> EncoderLayers(VaeConfiguration c) =>
        [("encoder1", c.Pixels, c.Hidden1), ("encoder2", c.Hidden1, c.Hidden2), ("encoder3", c.Hidden2, c.LatentWidth)];

    /// <summary>The decoder layers as (name, inputs, outputs).</summary>
    public static IReadOnlyList<(string Name, int Inputs, int Outputs)> DecoderLayers(VaeConfiguration c) =>
        [("decoder1", c.LatentWidth, c.Hidden2), ("decoder2", c.Hidden2, c.Hidden1), ("decoder3", c.Hidden1, c.Pixels)];

    /// <summary>The six forward products of one member on a batch (encoder and decoder on B rows each).</summary>
    public static IReadOnlyList<MatmulTerm> Forward(VaeConfiguration c, int batch) =>
        [.. EncoderLayers(c).Concat(DecoderLayers(c)).Select(l => Term(l, MatmulPass.Forward, batch))];

    /// <summary>
    /// The products of one training step of one member: forward, weight gradients and input gradients of the encoder on B
    /// rows and of the decoder on E·B rows (E objective evaluations per example).
    /// </summary>
    /// <param name="c">The configuration.</param>
    /// <param name="batch">B.</param>
    /// <param name="evaluations">E, the estimator's objective evaluations per example (1 for the straight-through family).</param>
    /// <param name="latentGradient">Whether the latent fed to the decoder carries a gradient (false for REINFORCE).</param>
    public static IReadOnlyList<MatmulTerm> TrainingStep(VaeConfiguration c, int batch, int evaluations, bool latentGradient)
    {
        var terms = new List<MatmulTerm>();
        terms.AddRange(LayerTerms(EncoderLayers(c), batch, firstInputGradient: false, weightGradients: true));
        terms.AddRange(LayerTerms(DecoderLayers(c), (long)batch * evaluations, firstInputGradient: latentGradient, weightGradients: true));
        return terms;
    }

    /// <summary>
    /// The products of one batch of <see cref="NotebookExperiments.Gradients.GradientSampler.Draw"/> on the VAE's
    /// reconstruction loss: the decoder's forward and input gradients on R·B·E rows (R replicas), no weight gradients
    /// (<c>autograd.grad</c> asks only for the logits' gradient).
    /// </summary>
    public static IReadOnlyList<MatmulTerm> GradientDraw(VaeConfiguration c, int batch, int replicas, int evaluations, bool latentGradient) =>
        [.. LayerTerms(DecoderLayers(c), (long)batch * replicas * evaluations, firstInputGradient: latentGradient, weightGradients: false)];

    /// <summary>
    /// The products of <see cref="NotebookExperiments.Gradients.VaeExactOracle.Compute"/>: the decoder on all S = C^L states
    /// (float32, no gradient), the loss table <c>X·Aᵀ</c> <c>[B, 784]·[784, S]</c> and the log-probability table
    /// <c>log π · statesᵀ</c> <c>[B, L·C]·[L·C, S]</c> with its input gradient (float64).
    /// </summary>
    public static IReadOnlyList<MatmulTerm> ExactOracle(VaeConfiguration c, int batch)
    {
        long states = checked((long)c.States);
        var terms = new List<MatmulTerm>();
        terms.AddRange(DecoderLayers(c).Select(l => Term(l, MatmulPass.Forward, states)));
        terms.Add(new MatmulTerm("loss table X·Aᵀ", MatmulPass.Forward,
            new MatmulShape(batch, c.Pixels, states, RightTransposed: true, DType: ScalarType.Float64)));
        terms.Add(new MatmulTerm("log q table", MatmulPass.Forward,
            new MatmulShape(batch, c.LatentWidth, states, RightTransposed: true, DType: ScalarType.Float64)));
        terms.Add(new MatmulTerm("log q table", MatmulPass.InputGradient,
            new MatmulShape(batch, states, c.LatentWidth, DType: ScalarType.Float64)));
        return terms;
    }

    private static IEnumerable<MatmulTerm> LayerTerms(IReadOnlyList<(string Name, int Inputs, int Outputs)> layers, long rows,
        bool firstInputGradient, bool weightGradients)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var (name, inputs, outputs) = layers[i];
            yield return Term(layers[i], MatmulPass.Forward, rows);
            if (weightGradients)
                yield return new MatmulTerm(name, MatmulPass.WeightGradient, new MatmulShape(inputs, rows, outputs, LeftTransposed: true));
            if (i > 0 || firstInputGradient)
                yield return new MatmulTerm(name, MatmulPass.InputGradient, new MatmulShape(rows, outputs, inputs, RightTransposed: true));
        }
    }

    private static MatmulTerm Term((string Name, int Inputs, int Outputs) layer, MatmulPass pass, long rows) =>
        new(layer.Name, pass, new MatmulShape(rows, layer.Inputs, layer.Outputs));
}
