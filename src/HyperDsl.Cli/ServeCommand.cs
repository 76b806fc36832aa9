using System.CommandLine;
using System.Net;
using HyperDsl.Cli.Serve;

namespace HyperDsl.Cli;

/// <summary><c>hyp serve FILE</c>: the report's views as a live, read-only web page that follows the study as trials finish.</summary>
internal static class ServeCommand
{
    /// <summary>optuna-dashboard's port, so a habit carries over.</summary>
    private const int DefaultPort = 8080;

    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .hyp spec whose study to serve." };
        var options = new StudyOptions();
        var port = new Option<int>("--port", "-p") { Description = $"The TCP port (default {DefaultPort}; 0 picks a free one, and the URL printed says which).", DefaultValueFactory = _ => DefaultPort };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > IPEndPoint.MaxPort)
            {
                result.AddError($"--port must be between 0 and {IPEndPoint.MaxPort}.");
            }
        });
        var address = new Option<IPAddress>("--address")
        {
            Description = "The IP address to listen on (default 127.0.0.1: this machine only). RISK: any other address (0.0.0.0, a LAN address) lets everyone who can reach it read the whole study, spec text included, with no password and no encryption; prefer an SSH tunnel (ssh -L 8080:127.0.0.1:8080 HOST).",
            DefaultValueFactory = _ => IPAddress.Loopback,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (text == "localhost")
                {
                    return IPAddress.Loopback;
                }

                if (IPAddress.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                result.AddError($"--address '{text}' is not an IP address; give one such as 127.0.0.1, ::1 or 0.0.0.0.");
                return IPAddress.Loopback;
            },
        };
        var seed = new Option<int>("--seed") { Description = "The seed of the importance's random forest.", DefaultValueFactory = _ => 0 };
        var command = new Command("serve", "Serve a spec's study as a live, read-only web page on 127.0.0.1: the views of `hyp report`, redrawn as trials finish (while `hyp run` or `hyp worker`s add them), a trial table that sorts and filters, and a page per trial. Ctrl+C stops it.")
        {
            file, options.Experiment, options.Storage, options.Study, port, address, seed,
        };
        command.SetAction(parse => StudyQuery.With(parse.GetRequiredValue(file), options.Read(parse), console, (spec, store, version, objectives) =>
            StudyServer.Run(new LiveStudy(store, spec, version, objectives, parse.GetValue(seed)), parse.GetRequiredValue(address), parse.GetValue(port), console)));
        return command;
    }
}
