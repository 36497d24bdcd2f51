using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace MedSpa.Fakes.Stripe;

/// <summary>
/// Sends the fake's events to the app's webhook endpoint the way Stripe does: a POST of the event's JSON with a
/// <c>Stripe-Signature: t=…,v1=…</c> header (HMAC-SHA256 of "t.body" keyed with the endpoint's secret), retried with
/// back-off until a 2xx. Tests can ask for what Stripe does on a bad day: each event sent twice, or events in a shuffled
/// order, or one event replayed many times.
/// </summary>
public sealed class StripeWebhookDelivery(StripeFakeOptions options, TimeProvider clock, ILogger<StripeWebhookDelivery> logger) : IDisposable
{
    private readonly Channel<JsonObject> _queue = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(string EventId, string Type, int Status)> _log = [];
    private readonly Lock _gate = new();
    private HttpClient? _client;
    private Task? _loop;
    private int _pending;

    /// <summary>Each event is delivered this many times (Stripe may deliver an event more than once).</summary>
    public int Copies { get; set; } = 1;

    /// <summary>Events waiting together are sent newest first (Stripe does not guarantee order).</summary>
    public bool Reverse { get; set; }

    /// <summary>While true, events wait (as when the app's endpoint is unreachable); they go when it is set back.</summary>
    public bool Paused { get; set; }

    /// <summary>Where and how to send: the local run's loopback client, or a test server's handler.</summary>
    public void Start(HttpClient client)
    {
        _client = client;
        _loop ??= Task.Run(() => RunAsync(_stopping.Token));
    }

    public IReadOnlyList<(string EventId, string Type, int Status)> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    internal void Enqueue(JsonObject evt)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(evt);
    }

    /// <summary>Waits until every event raised so far has been delivered (or given up on).</summary>
    public async Task DrainAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Volatile.Read(ref _pending) > 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{_pending} Stripe webhook(s) were not delivered.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Sends one event again, as it was, <paramref name="times"/> times; the statuses the endpoint answered.</summary>
    public async Task<IReadOnlyList<int>> ResendAsync(JsonObject evt, int times, CancellationToken ct = default)
    {
        var statuses = new List<int>();
        for (var i = 0; i < times; i++)
        {
            statuses.Add(await SendAsync(evt, ct));
        }

        return statuses;
    }

    /// <summary>The Stripe-Signature header Stripe would send for this body at this time, with this secret.</summary>
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            // Take what is waiting together, so that Reverse can deliver a burst out of order.
            var batch = new List<JsonObject>();
            while (reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (Reverse)
            {
                batch.Reverse();
            }

            foreach (var evt in batch)
            {
                while (Paused)
                {
                    await Task.Delay(20, ct).ConfigureAwait(false);
                }

                for (var copy = 0; copy < Math.Max(1, Copies); copy++)
                {
                    await DeliverWithRetriesAsync(evt, ct).ConfigureAwait(false);
                }

                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task DeliverWithRetriesAsync(JsonObject evt, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var status = await SendAsync(evt, ct).ConfigureAwait(false);
            if (status is >= 200 and < 300 or 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), ct).ConfigureAwait(false);
        }

        logger.LogWarning("Stripe fake gave up delivering {Event} ({Type}).", evt["id"], evt["type"]);
    }

    private async Task<int> SendAsync(JsonObject evt, CancellationToken ct)
    {
        if (_client is null || options.WebhookUrl is null)
        {
            return 0;
        }

        var body = evt.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", Sign(body, options.WebhookSecret, clock.GetUtcNow()));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        int status;
        try
        {
            using var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            logger.LogDebug(e, "Stripe fake could not reach {Url}.", options.WebhookUrl);
            status = 503;
        }

        lock (_gate)
        {
            _log.Add(((string)evt["id"]!, (string)evt["type"]!, status));
        }

        return status;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        _stopping.Dispose();
    }
}
