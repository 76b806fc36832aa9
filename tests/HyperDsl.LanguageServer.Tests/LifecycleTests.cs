namespace HyperDsl.LanguageServer.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_announces_full_document_sync_and_the_features()
    {
        await using var client = LspTestClient.InMemory();
        var result = await client.InitializeAsync();

        var capabilities = result.GetProperty("capabilities");
        Assert.Equal(1, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.True(capabilities.GetProperty("documentFormattingProvider").GetBoolean());
        Assert.Equal("hyp", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Shutdown_then_exit_stops_the_server_with_exit_code_0()
    {
        await using var client = await LspTestClient.StartAsync();

        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task Exit_without_shutdown_stops_the_server_with_exit_code_1()
    {
        await using var client = await LspTestClient.StartAsync();

        await client.NotifyAsync("exit", new { });

        Assert.Equal(1, await client.ServerExit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_unknown_request_is_answered_with_an_error_and_an_unknown_notification_ignored()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync("$/setTrace", new { value = "verbose" });
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { } });

        await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() => client.RequestAsync("textDocument/noSuchThing", new { }));
        Assert.Equal(0, await client.ShutdownAsync());
    }
}
