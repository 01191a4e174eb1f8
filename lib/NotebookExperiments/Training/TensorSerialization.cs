using static TorchSharp.torch;

namespace NotebookExperiments.Training;

/// <summary>Writes and reads tensors as (dtype, rank, shape, little-endian bytes); used by checkpoints.</summary>
internal static class TensorSerialization
{
    public static void Write(BinaryWriter writer, Tensor tensor)
    {
        using var cpuTensor = tensor.detach().cpu().contiguous();
        writer.Write((int)cpuTensor.dtype);
        writer.Write((int)cpuTensor.dim());
        foreach (var d in cpuTensor.shape) writer.Write(d);
        var bytes = cpuTensor.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static Tensor Read(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        int rank = reader.ReadInt32();
        if (rank is < 0 or > 16) throw new InvalidDataException($"corrupt tensor record (rank {rank})");
        var shape = new long[rank];
        for (int i = 0; i < rank; i++) shape[i] = reader.ReadInt64();
        int length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        if (bytes.Length != length) throw new InvalidDataException("truncated tensor record");
        var result = empty(shape, dtype: dtype);
        if (result.bytes.Length != length) throw new InvalidDataException($"tensor record of {length} bytes does not fit shape [{string.Join(", ", shape)}] of {dtype}");
        result.bytes = bytes;
        return result;
    }
}
