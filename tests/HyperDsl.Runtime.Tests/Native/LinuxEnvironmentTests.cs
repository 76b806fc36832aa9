using HyperDsl.Runtime.Native;

namespace HyperDsl.Runtime.Tests.Native;

public sealed class LinuxEnvironmentTests
{
    [Fact]
    public void A_variable_set_reaches_the_C_library_environment()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var name = $"HYP_TEST_NATIVE_{Guid.NewGuid():N}";
        Assert.Null(LinuxEnvironment.Get(name));

        Assert.True(LinuxEnvironment.Set(name, "PASSIVE"));

        Assert.Equal("PASSIVE", LinuxEnvironment.Get(name));
    }

    [Fact]
    public void Dotnet_setting_alone_does_not_reach_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Why LinuxEnvironment exists: .NET keeps its own copy of the environment on Linux.
        var name = $"HYP_TEST_MANAGED_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "PASSIVE");

        Assert.Null(LinuxEnvironment.Get(name));
    }
}
