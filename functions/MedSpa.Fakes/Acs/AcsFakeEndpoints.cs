using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Fakes.Acs;

/// <summary>The fake's HTTP face: the ACS routes it answers, and the developers' outbox page at its root.</summary>
public static class AcsFakeEndpoints
{
    public static WebApplication Build(AcsFake fake, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{fake.Options.Port}");
        customize?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/", (HttpContext http) => Results.Content(OutboxPage(fake), "text/html; charset=utf-8"));
        app.MapGet("/messages", () => Results.Json(new { sms = fake.Sms.Reverse(), emails = fake.Emails.Reverse(), replies = fake.Replies.Reverse() }));
        app.MapPost("/replies", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["from"].ToString().Trim() is not { Length: > 0 } from || form["text"].ToString().Trim() is not { Length: > 0 } text)
            {
                return Results.BadRequest("Give the patient's number and what they wrote.");
            }

            if (fake.DeliveryReports is not { } client)
            {
                return Results.Problem("The fake has no way to reach the app (it is not the local run's).", statusCode: 503);
            }

            await fake.ReplyAsync(client, from, text, http.RequestAborted);
            return Results.Redirect("/", permanent: false);
        });
        app.MapMethods("/{**path}", ["GET", "POST"], (HttpContext http) => HandleAsync(fake, http));
        return app;
    }

    private static async Task HandleAsync(AcsFake fake, HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target && target.StartsWith('/')
            ? target
            : $"{http.Request.Path}{http.Request.QueryString}";
        var response = fake.Handle(http.Request.Method, raw, http.Request.Host.Value ?? "", name => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null, buffer.ToArray());
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response.Body, http.RequestAborted);
    }

    /// <summary>What was sent, newest first: for a developer to see the texts and emails a local run would have sent.</summary>
    private static string OutboxPage(AcsFake fake)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var page = new StringBuilder("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Outbox (local test messages)</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}p.note{background:#fff8c5;padding:.5rem 1rem;border-radius:6px}
            article{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
            article h3{font-size:1rem;margin:0 0 .25rem}input{font:inherit;padding:.375rem .5rem;min-width:18rem;border:1px solid #6e7781;border-radius:6px}
            button{font:inherit;padding:.375rem 1rem;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff}.meta{color:#57606a;font-size:.875rem}pre{white-space:pre-wrap;font:inherit;margin:.5rem 0 0}</style>
            </head><body><main><h1>Outbox</h1>
            <p class="note">Test messages: nothing here reached a phone or an inbox. The local Azure Communication Services fake keeps what the app sent.</p>
            """);
        var sent = fake.Sms;
        var lastTo = sent.Count == 0 ? "" : sent[^1].To;
        page.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
            <h2>Reply as a patient</h2>
            <form method="post" action="/replies" class="reply">
            <p><label for="from">From (the patient's mobile number)</label><br><input id="from" name="from" type="tel" required value="{E(lastTo)}" autocomplete="off"></p>
            <p><label for="text">Message</label><br><input id="text" name="text" required maxlength="320" autocomplete="off"></p>
            <p><button type="submit">Send reply</button></p>
            </form>
            """);
        var replies = fake.Replies.Reverse().ToList();
        foreach (var r in replies)
        {
            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"<article aria-label=\"Reply from {E(r.From)}\"><h3>From {E(r.From)}</h3><div class=\"meta\">{r.At:u} · the app answered {E(r.Outcome)}</div><pre>{E(r.Text)}</pre></article>");
        }

        page.Append("<h2>Text messages</h2>");
        var sms = fake.Sms.Reverse().ToList();
        page.Append(sms.Count == 0 ? "<p>No text messages yet.</p>" : "");
        foreach (var m in sms)
        {
            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"<article aria-label=\"Text to {E(m.To)}\"><h3>To {E(m.To)}</h3><div class=\"meta\">From {E(m.From)} · {m.At:u}</div><pre>{E(m.Text)}</pre></article>");
        }

        page.Append("<h2>Emails</h2>");
        var emails = fake.Emails.Reverse().ToList();
        page.Append(emails.Count == 0 ? "<p>No emails yet.</p>" : "");
        foreach (var m in emails)
        {
            var attached = m.Attachments.Count == 0 ? "" : $" · attached: {E(string.Join(", ", m.Attachments))}";
            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"<article aria-label=\"Email to {E(m.To)}\"><h3>{E(m.Subject)}</h3><div class=\"meta\">To {E(m.ToName)} &lt;{E(m.To)}&gt; · {m.At:u}{attached}</div><pre>{E(m.PlainText)}</pre></article>");
        }

        return page.Append("</main></body></html>").ToString();
    }
}

/// <summary>Serves the fake on its own port for the local run, its events going to the app.</summary>
public sealed class AcsFakeServer(AcsFake fake, ILogger<AcsFakeServer> logger) : FakeServer
{
    protected override WebApplication Build() => AcsFakeEndpoints.Build(fake);

    protected override void Started()
    {
        fake.DeliveryReports = Client;
        logger.LogInformation("Test messages: a local ACS fake; what the app sends is at http://127.0.0.1:{Port}/ (nothing reaches a phone or inbox).", fake.Options.Port);
    }
}
