using System.Globalization;
using static TorchSharp.torch;

namespace NotebookExperiments.Benchmarks.Flops;

/// <summary>
/// A matrix product <c>[m, k] · [k, n]</c> as the library's code (or autograd) issues it: with each operand either
/// contiguous or a transposed view of a contiguous tensor, in one dtype. It costs <c>2·m·k·n</c> floating-point operations
/// (a multiply and an add per term).
/// </summary>
/// <param name="Rows">m.</param>
/// <param name="Inner">k.</param>
/// <param name="Columns">n.</param>
/// <param name="LeftTransposed">The left operand is <c>A.t()</c> of a contiguous <c>[k, m]</c> tensor (autograd's <c>xᵀ·g</c>).</param>
/// <param name="RightTransposed">The right operand is <c>B.t()</c> of a contiguous <c>[n, k]</c> tensor (autograd's <c>g·Wᵀ</c>).</param>
/// <param name="DType">Float32 (the model) or Float64 (the exact oracle's tables).</param>
internal sealed record MatmulShape(long Rows, long Inner, long Columns, bool LeftTransposed = false, bool RightTransposed = false,
    ScalarType DType = ScalarType.Float32)
{
    /// <summary>Floating-point operations, <c>2·m·k·n</c>.</summary>
    public double Flops => 2.0 * Rows * Inner * Columns;

    /// <summary>E.g. <c>100×784·784×512</c>, with <c>ᵀ</c> on a transposed operand and <c>f64</c> for double precision.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string left = string.Create(c, $"{Rows}×{Inner}{(LeftTransposed ? "ᵀ" : "")}");
        string right = string.Create(c, $"{Inner}×{Columns}{(RightTransposed ? "ᵀ" : "")}");
        return DType == ScalarType.Float32 ? $"{left}·{right}" : $"{left}·{right} {DTypeName}";
    }

    /// <summary><c>f32</c> or <c>f64</c>.</summary>
    public string DTypeName => DType switch
    {
        ScalarType.Float32 => "f32",
        ScalarType.Float64 => "f64",
        _ => DType.ToString(),
    };
}
