using System.Text.Json;
using NotebookExperiments.Training;

namespace NotebookExperiments.Tests.Cli;

/// <summary>
/// <c>train</c> as a user runs it, on the real MNIST (a training subset): the JSON summary, the per-epoch CSV, checkpoints,
/// and a restart from the last checkpoint that ends with the same numbers as the uninterrupted run.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("train-command").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<JsonElement> TrainAsync(string output, params string[] extra)
    {
        string[] args =
        [
            "train", "--config", "4x3", "--estimator", "reinmax:tau=1.3", "--epochs", "2", "--train-size", "500",
            "--seed", "5", "--out", output, "--json", "--threads", "2", .. extra,
        ];
        var (exit, stdout) = await ConsoleCollection.RunCliAsync(args);
        Assert.True(exit == 0, $"train exited with {exit}: {stdout}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    [Fact]
    public async Task WritesItsFilesAndResumesToTheSameResult()
    {
        var whole = Path.Combine(_dir, "whole");
        var summary = await TrainAsync(whole);
        Assert.Equal("reinmax:tau=1.3", summary.GetProperty("estimator").GetString());
        Assert.Equal(2, summary.GetProperty("epochs").GetInt32());
        Assert.False(summary.GetProperty("diverged").GetBoolean());
        double train = summary.GetProperty("final_train_elbo").GetDouble(), test = summary.GetProperty("final_test_elbo").GetDouble();

        // The per-epoch CSV holds the same numbers as the summary, written in their shortest round-trip form.
        var csv = File.ReadAllLines(Path.Combine(whole, "metrics.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("member,estimator,lr,seed,epoch,train_elbo,test_elbo,seconds,diverged", csv[0]);
        var last = csv[2].Split(',');
        Assert.Equal(("0.0005", "2"), (last[2], last[4]));
        Assert.Equal(train, double.Parse(last[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(test, double.Parse(last[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(File.Exists(Path.Combine(whole, "summary.json")));
        Assert.True(File.Exists(Path.Combine(whole, "checkpoints", Checkpoint.FileName(1))));
        Assert.True(File.Exists(Path.Combine(whole, "checkpoints", Checkpoint.FileName(2))));

        // A run killed after epoch 1: only the first checkpoint exists. Restarting resumes from it.
        var killed = Path.Combine(_dir, "killed");
        Directory.CreateDirectory(Path.Combine(killed, "checkpoints"));
        File.Copy(Path.Combine(whole, "checkpoints", Checkpoint.FileName(1)), Path.Combine(killed, "checkpoints", Checkpoint.FileName(1)));
        var resumed = await TrainAsync(killed, "--resume");
        Assert.Equal(train, resumed.GetProperty("final_train_elbo").GetDouble());
        Assert.Equal(test, resumed.GetProperty("final_test_elbo").GetDouble());

        // Resuming with other options is refused rather than mixed.
        var (exit, output) = await ConsoleCollection.RunCliAsync("train", "--config", "4x3", "--estimator", "st", "--epochs", "2",
            "--train-size", "500", "--seed", "5", "--out", killed, "--resume", "--threads", "2");
        Assert.Equal(2, exit);
        Assert.Contains("was written for another job", output);
    }

    [Fact]
    public async Task BadArgumentsGiveClearErrors()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("train", "--config", "8by4", "--estimator", "st");
        Assert.Equal(2, exit);
        Assert.Contains("'8by4' is not a VAE configuration", output);
        (exit, output) = await ConsoleCollection.RunCliAsync("train", "--estimator", "st:tau=0");
        Assert.Equal(2, exit);
        Assert.Contains("tau must be > 0", output);
    }
}
