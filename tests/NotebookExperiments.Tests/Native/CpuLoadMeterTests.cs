using NotebookExperiments.Native;

namespace NotebookExperiments.Tests.Native;

public class CpuLoadMeterTests
{
    /// <summary>Processor times that a test sets by hand.</summary>
    internal sealed class FakeReadings(int cores) : ICpuReadings
    {
        public int Cores { get; } = cores;

        public double Busy { get; set; }

        public Dictionary<int, double> Processes { get; } = [];

        public double? BusySeconds() => Busy;

        public double? ProcessSeconds(int processId) => Processes.TryGetValue(processId, out var s) ? s : null;
    }

    [Fact]
    public void OthersAreTheBusyTimeLessOursOverTheInterval()
    {
        double now = 10;
        var readings = new FakeReadings(2);
        readings.Processes[Environment.ProcessId] = 5;
        readings.Processes[4242] = 1;
        var meter = new CpuLoadMeter(readings, () => now);
        Assert.Null(meter.Read([4242]));   // the first reading starts the interval

        now = 12;
        readings.Busy += 2 * 1.9;                       // both cores 95 % busy over 2 s
        readings.Processes[Environment.ProcessId] += 2 * 0.5;
        readings.Processes[4242] += 2 * 0.8;
        var load = meter.Read([4242]);

        Assert.NotNull(load);
        Assert.Equal(2, load.Seconds, 9);
        Assert.Equal(1.3, load.Ours, 9);
        Assert.Equal(0.6, load.Others, 9);
    }

    [Fact]
    public void NoReadingWhenTheProcessesCountedAsOursChange()
    {
        double now = 0;
        var readings = new FakeReadings(2);
        readings.Processes[Environment.ProcessId] = 0;
        readings.Processes[7] = 0;
        var meter = new CpuLoadMeter(readings, () => now);
        meter.Read([]);
        now = 1;
        readings.Busy = 2;
        Assert.Null(meter.Read([7]));       // 7's time before this interval is unknown: its work would count as others'
        now = 2;
        readings.Busy = 3;
        readings.Processes[7] = 1;
        Assert.Equal(0, meter.Read([7])!.Others, 9);
    }

    [Fact]
    public void TheKernelsCpuListIsRead()
    {
        Assert.Equal([0, 1, 2, 3, 8, 10, 11], ProcCpuReadings.ParseCpuList("0-3,8,10-11\n").Order());
        Assert.Throws<FormatException>(() => ProcCpuReadings.ParseCpuList("3-1"));
    }

    [Fact]
    public void OnLinuxThisProcessesTimeAndTheCoresTimeAreRead()
    {
        if (!OperatingSystem.IsLinux()) return;
        var readings = new ProcCpuReadings();
        Assert.True(readings.Cores >= 1);
        Assert.True(readings.BusySeconds() > 0);
        Assert.True(readings.ProcessSeconds(Environment.ProcessId) >= 0);
        Assert.Null(readings.ProcessSeconds(int.MaxValue));
    }
}
