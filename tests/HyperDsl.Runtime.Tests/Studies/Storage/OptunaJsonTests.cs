using HyperDsl.Runtime.Studies.Storage;

namespace HyperDsl.Runtime.Tests.Studies.Storage;

public sealed class OptunaJsonTests
{
    // Each expected text is Python's json.dumps of the same value.
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-3, "0.001")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.2345e300, "1.2345e+300")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Floats_are_written_as_python_writes_them(double value, string expected) =>
        Assert.Equal(expected, OptunaJson.Write(value));

    [Fact]
    public void Values_are_written_as_python_json_dumps_writes_them()
    {
        var value = new Dictionary<string, object?>
        {
            ["int"] = 3,
            ["long"] = 40_000_000_000L,
            ["bool"] = true,
            ["none"] = null,
            ["text"] = "é \"q\" \\ \n\t<&>+",
            ["list"] = new object[] { "x", 3L, 2.0, false },
        };

        Assert.Equal(
            "{\"int\": 3, \"long\": 40000000000, \"bool\": true, \"none\": null, \"text\": \"\\u00e9 \\\"q\\\" \\\\ \\n\\t<&>+\", \"list\": [\"x\", 3, 2.0, false]}",
            OptunaJson.Write(value));
    }

    [Fact]
    public void Values_without_a_json_form_are_refused()
    {
        Assert.Throws<ArgumentException>(() => OptunaJson.Write(double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => OptunaJson.Write(new object()));
    }

    [Fact]
    public void Json_reads_back_as_long_double_string_bool_and_null()
    {
        var read = Assert.IsType<List<object?>>(OptunaJson.Parse("[3, 3.0, 1e3, -7, \"s\", true, null, 12345678901234567890]"));

        Assert.Equal([3L, 3.0, 1000.0, -7L, "s", true, null, 12345678901234567890.0], read);
        Assert.IsType<double>(read[1]);
        Assert.IsType<double>(read[2]);
    }

    [Fact]
    public void Objects_read_back_in_order()
    {
        var read = Assert.IsType<Dictionary<string, object?>>(OptunaJson.Parse("{\"b\": 1, \"a\": {\"c\": [0.5]}}"));

        Assert.Equal(["b", "a"], read.Keys);
        Assert.Equal([0.5], Assert.IsType<List<object?>>(Assert.IsType<Dictionary<string, object?>>(read["a"])["c"]));
    }
}
