using System.Globalization;
using Microsoft.Data.Analysis;

namespace NotebookExperiments.Tests;

/// <summary>Result CSVs write numbers as people read them and parse back to the same values.</summary>
public class CsvTableTests
{
    private static DataFrame Frame() => new(
        new DoubleDataFrameColumn("tau", [0.05, 0.1, 1.0 / 3, double.NaN]),
        new DoubleDataFrameColumn("loss", [214.25, null, double.PositiveInfinity, -1e-20]),
        new Int64DataFrameColumn("seed", [0, 1, 2, 3]),
        new StringDataFrameColumn("spec", ["st:tau=0.05", "reinmax-cv:eta=0.7,tau2=0.1", "say \"hi\"", "zgr"]),
        new BooleanDataFrameColumn("diverged", [false, true, false, false]));

    [Fact]
    public void NumbersAreWrittenInTheShortestFormThatRoundTrips()
    {
        var lines = CsvTable.Format(Frame()).Split('\n');
        Assert.Equal("tau,loss,seed,spec,diverged", lines[0]);
        Assert.Equal("0.05,214.25,0,st:tau=0.05,False", lines[1]);
        Assert.Equal("0.1,,1,\"reinmax-cv:eta=0.7,tau2=0.1\",True", lines[2]);
        Assert.Equal("0.3333333333333333,Infinity,2,\"say \"\"hi\"\"\",False", lines[3]);
        Assert.Equal("NaN,-1E-20,3,zgr,False", lines[4]);
        Assert.Equal("", lines[5]);
        Assert.Equal(1.0 / 3, double.Parse("0.3333333333333333", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DataFrameReadsItBackToTheSameValues()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(CsvTable.Format(Frame())));
        var back = DataFrame.LoadCsv(stream, cultureInfo: CultureInfo.InvariantCulture,
            dataTypes: [typeof(double), typeof(double), typeof(long), typeof(string), typeof(bool)]);
        Assert.Equal([0.05, 0.1, 1.0 / 3, double.NaN], back["tau"].Cast<double?>().Select(x => x!.Value));
        Assert.Equal("reinmax-cv:eta=0.7,tau2=0.1", back["spec"][1]);
        Assert.Equal("say \"hi\"", back["spec"][2]);
        Assert.Equal(true, back["diverged"][1]);
    }
}
