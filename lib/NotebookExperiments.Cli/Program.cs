using NotebookExperiments.Native;
TorchRuntime.EnsureLoaded();
Console.WriteLine(TorchSharp.torch.ones(3).sum().item<float>());
