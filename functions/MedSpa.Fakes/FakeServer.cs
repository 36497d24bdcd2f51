using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace MedSpa.Fakes;

/// <summary>
/// A fake served on its own port for the local run: built and started with the app, stopped with it. Each fake's
/// server gives its web app and what it does once listening (start delivering to the app with <see cref="Client"/>).
/// </summary>
public abstract class FakeServer : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The fake's own way out to the app (webhooks, events).</summary>
    protected HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected abstract WebApplication Build();

    protected abstract void Started();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = Build();
        await _app.StartAsync(cancellationToken);
        Started();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
