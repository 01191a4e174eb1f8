using System.Numerics;
using System.Runtime.CompilerServices;

namespace NotebookExperiments.Training;

/// <summary>
/// The element-wise Adam and RAdam updates on contiguous host memory, in one pass that reads p, g, m, v once and writes
/// p, m, v once (the tensor-op form of <see cref="StackedAdam"/> makes eight passes over the parameters).
/// </summary>
/// <remarks>
/// <para>Each element is updated with the arithmetic of PyTorch's CPU kernels, in the same order:
/// <c>m ← m + (1−β₁)(g − m)</c> (<c>lerp_</c>), <c>v ← β₂v + ((1−β₂)·g)·g</c> (<c>mul_</c>, <c>addcmul_</c>), then
/// <c>p ← p + (−s·m)/d</c> (<c>addcdiv_</c>) with <c>d = √v/c + ε</c> (Adam: <c>c = √(1−β₂ᵗ)</c>; rectified RAdam:
/// <c>c = 1</c>), or <c>p ← p + (−s)·m</c> (RAdam before rectification). The step size s carries the learning rate and
/// the bias corrections (<see cref="StackedAdam"/>).</para>
/// <para>The SIMD lanes and the scalar tail do the same IEEE operations (no fused multiply-add), so an element's result
/// does not depend on where it sits: a member of an ensemble is updated bit for bit as the same member alone.</para>
/// </remarks>
internal static unsafe class AdamKernel
{
    /// <summary>The constants of one update, shared by every element of a member.</summary>
    /// <param name="OneMinusBeta1">1 − β₁, the weight of <c>lerp_</c>.</param>
    /// <param name="Beta2">β₂.</param>
    /// <param name="OneMinusBeta2">1 − β₂.</param>
    /// <param name="Correction">c, the divisor of √v (<c>√(1−β₂ᵗ)</c> for Adam, 1 for RAdam).</param>
    /// <param name="Epsilon">ε.</param>
    /// <param name="Adaptive">Whether the update divides by d (false: RAdam before rectification, <c>p ← p − s·m</c>).</param>
    public readonly record struct Constants(double OneMinusBeta1, double Beta2, double OneMinusBeta2, double Correction, double Epsilon, bool Adaptive);

    /// <summary>Updates <paramref name="count"/> elements in place with step size <paramref name="stepSize"/> (s ≥ 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update<T>(T* p, T* g, T* m, T* v, long count, in Constants k, double stepSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T w1 = T.CreateChecked(k.OneMinusBeta1), b2 = T.CreateChecked(k.Beta2), w2 = T.CreateChecked(k.OneMinusBeta2);
        T c = T.CreateChecked(k.Correction), eps = T.CreateChecked(k.Epsilon), step = T.CreateChecked(-stepSize);
        long i = 0;
        if (Vector.IsHardwareAccelerated && count >= Vector<T>.Count)
        {
            Vector<T> vw1 = new(w1), vb2 = new(b2), vw2 = new(w2), vc = new(c), veps = new(eps), vstep = new(step);
            for (long end = count - Vector<T>.Count; i <= end; i += Vector<T>.Count)
            {
                var gi = Load(g + i);
                var mi = Load(m + i);
                mi += vw1 * (gi - mi);
                Store(m + i, mi);
                var vi = Load(v + i) * vb2 + vw2 * gi * gi;
                Store(v + i, vi);
                var pi = Load(p + i);
                pi = k.Adaptive ? pi + vstep * mi / (Vector.SquareRoot(vi) / vc + veps) : pi + vstep * mi;
                Store(p + i, pi);
            }
        }
        for (; i < count; i++)
        {
            T gi = g[i];
            T mi = m[i] + w1 * (gi - m[i]);
            m[i] = mi;
            T vi = v[i] * b2 + w2 * gi * gi;
            v[i] = vi;
            p[i] = k.Adaptive ? p[i] + step * mi / (T.Sqrt(vi) / c + eps) : p[i] + step * mi;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(T* source) where T : unmanaged => Unsafe.ReadUnaligned<Vector<T>>(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* target, Vector<T> value) where T : unmanaged => Unsafe.WriteUnaligned(target, value);
}
