using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Support;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Estimators;

/// <summary>
/// The estimators' uniform noise: xoshiro256++ output bit for bit (against a scalar transcription of the authors' C code),
/// reproducible from the caller's generator, and uniform on [0, 1) by chi-square and moment tests.
/// </summary>
public class UniformNoiseTests
{
    /// <summary>xoshiro256++ and its SplitMix64 seeding, one stream at a time, as published by Blackman and Vigna.</summary>
    private static ulong[][] ReferenceOutputs(ulong seed, int steps)
    {
        var words = new ulong[16];
        ulong x = seed;
        for (int w = 0; w < 16; w++)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            words[w] = z ^ (z >> 31);
        }
        static ulong Rotl(ulong v, int k) => (v << k) | (v >> (64 - k));
        var outputs = new ulong[4][];
        for (int lane = 0; lane < 4; lane++)
        {
            var s = words.AsSpan(4 * lane, 4).ToArray();
            outputs[lane] = new ulong[steps];
            for (int i = 0; i < steps; i++)
            {
                outputs[lane][i] = Rotl(s[0] + s[3], 23) + s[0];
                ulong t = s[1] << 17;
                s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
                s[3] = Rotl(s[3], 45);
            }
        }
        return outputs;
    }

    [Fact]
    public void FloatsAndDoublesAreTheGeneratorsOutputBits()
    {
        const ulong seed = 0x1234_5678_9ABC_DEF0UL;
        const int steps = 5;
        var reference = ReferenceOutputs(seed, steps);
        var floats = new float[8 * steps - 3];        // a partial last step
        var doubles = new double[4 * steps - 1];
        UniformNoise.Fill(floats, seed);
        UniformNoise.Fill(doubles, seed);
        for (int i = 0; i < floats.Length; i++)
        {
            ulong word = reference[(i / 2) % 4][i / 8];
            ulong expected = i % 2 == 0 ? (word >> 8) & 0xFFFFFF : word >> 40;
            Assert.Equal(expected * (1.0 / (1 << 24)), floats[i]);
        }
        for (int i = 0; i < doubles.Length; i++)
            Assert.Equal((reference[i % 4][i / 4] >> 11) * (1.0 / (1L << 53)), doubles[i]);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void TheCallersGeneratorFixesEveryDrawAndAdvances(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var a = new Generator(7);
        using var b = new Generator(7);
        var first = UniformNoise.Draw([3, 5, 7], dtype, CPU, a);
        Assert.Equal(new long[] { 3, 5, 7 }, first.shape);
        Assert.Equal(dtype, first.dtype);
        Assert.True(first.eq(UniformNoise.Draw([3, 5, 7], dtype, CPU, b)).all().item<bool>(), "same generator state, other draws");
        Assert.False(first.eq(UniformNoise.Draw([3, 5, 7], dtype, CPU, a)).all().item<bool>(), "the generator did not advance");
        Assert.Equal(0, UniformNoise.Draw([0, 4], dtype, CPU, a).numel());
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void DrawsAreUniformOnTheUnitInterval(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        const int n = 1_000_000, bins = 200;
        var u = UniformNoise.Draw([n], dtype, CPU, generator).to(ScalarType.Float64);
        Assert.True(u.min().item<double>() >= 0 && u.max().item<double>() < 1, "a draw outside [0, 1)");

        // Chi-square over equal bins, the mean and the variance (1/12), and the lag-1 correlation of consecutive draws, each
        // at its share of the suite's family-wise level.
        const double alpha = TestStatistics.FamilyAlpha / 4;
        var counts = (u * bins).floor().to(ScalarType.Int64).bincount(null, bins).to(ScalarType.Float64);
        double expected = (double)n / bins;
        double chiSquare = ((counts - expected).pow(2) / expected).sum().item<double>();
        Assert.True(chiSquare < TestStatistics.ChiSquareUpperQuantile(alpha, bins - 1), $"chi-square {chiSquare:F1} with {bins - 1} degrees of freedom");
        double z = TestStatistics.BonferroniZ(1, alpha);
        double meanZ = (u.mean().item<double>() - 0.5) / Math.Sqrt(1.0 / 12 / n);
        Assert.True(Math.Abs(meanZ) < z, $"mean {meanZ:F2} standard errors from 1/2");
        double varianceZ = (u.var().item<double>() - 1.0 / 12) / Math.Sqrt(1.0 / 180 / n);   // Var of (U − ½)² is 1/180
        Assert.True(Math.Abs(varianceZ) < z, $"variance {varianceZ:F2} standard errors from 1/12");
        var centred = u - 0.5;
        double lag1 = (centred.narrow(0, 0, n - 1) * centred.narrow(0, 1, n - 1)).mean().item<double>() * 12;
        Assert.True(Math.Abs(lag1) * Math.Sqrt(n - 1) < z, $"lag-1 correlation {lag1:G3}");
    }
}
