using System.Net;
using HyperDsl.Runtime.Studies.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperDsl.Cli.Serve;

/// <summary>
/// The web server of <c>hyp serve</c> (Kestrel, minimal APIs): GET endpoints only, so nothing a
/// browser sends can change the study (any other method gets 405). On loopback it answers only
/// requests addressed to localhost, so a web page elsewhere cannot read the study through a DNS
/// name it points at 127.0.0.1 (DNS rebinding). Ctrl+C or SIGTERM stops it.
/// </summary>
internal static class StudyServer
{
    /// <summary>Serves <paramref name="study"/> on <paramref name="address"/>:<paramref name="port"/> (0: a free port) until the process is told to stop.</summary>
    public static int Run(LiveStudy study, IPAddress address, int port, CliConsole console)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.Configure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = IPAddress.IsLoopback(address) ? ["localhost", "127.0.0.1", "[::1]"] : ["*"];
            options.AllowEmptyHosts = false;
        });

        using var app = builder.Build();
        app.UseHostFiltering();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            // The page needs its own inline script and style (plotly.js among them, whose WebGL plots compile with eval) and its own server.
            headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (StudyStoreException error) when (!context.Response.HasStarted)
            {
                // The store is out of reach for now (a database restarting): the page says so and polls again.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync($"cannot read the study: {error.Message}").ConfigureAwait(false);
            }
        });

        app.MapGet("/", () => Html(LivePage.Render(study.Current(), study.StoreLocation)));
        app.MapGet("/api/version", () => Json(ServeJson.Version(study.Current())));
        app.MapGet("/api/views", () => Json(ServeJson.Views(study.Current(), study.StoreLocation)));
        app.MapGet("/trial/{number:int}", (int number) =>
        {
            var snapshot = study.Current();
            return snapshot.Trials.FirstOrDefault(t => t.Number == number) is { } trial
                ? Html(TrialPage.Render(snapshot.Data.Value, trial))
                : Results.Text($"study '{study.Name}' has no trial #{number}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        });

        try
        {
            app.Start();
        }
        catch (IOException error)
        {
            console.Error.WriteLine($"hyp: error: cannot listen on {Endpoint(address, port)}: {error.Message}");
            return ExitCodes.UsageOrIo;
        }

        var url = app.Urls.First();
        console.Out.Write($"serving study '{study.Name}' read-only at {url}/ (Ctrl+C stops)\n");
        console.Out.Flush();
        app.WaitForShutdown();
        console.Out.Write("stopped\n");
        console.Out.Flush();
        return ExitCodes.Success;
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult Json(string json) => Results.Content(json, "application/json; charset=utf-8");

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
