using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedSpa.Core.Common;
using MedSpa.Functions;
using MedSpa.Infrastructure.Documents;
using MedSpa.Infrastructure.Identity;
using MedSpa.Infrastructure.Seeding;
using MedSpa.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MedSpa.Functions.Tests.Support;

/// <summary>
/// The whole Functions app run by MedSpa.LocalHost in memory (ASP.NET Core TestServer), on its own SQLite file,
/// with two seeded clinics: the demo clinic and another one, to prove that nothing crosses between them.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string Demo = "demo.medspa.test";
    public const string Other = "other.medspa.test";
    public const string OtherTenant = "other";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "medspa-api-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public IServiceProvider Services => _app!.Services;

    public string DatabasePath => Path.Combine(_dataDir, "medspa.db");

    public string Mode { get; init; } = "local";

    public async Task InitializeAsync()
    {
        _app = LocalFunctionsHost.Build(
            [
                $"--DataDir={_dataDir}",
                $"--Identity:Mode={Mode}",
                "--Identity:Authority=http://127.0.0.1:7072",
                "--LocalSignIn:Enabled=false",
                "--Seed:Demo=false",
                "--Logging:LogLevel:Default=Warning",
            ],
            typeof(MedSpaApp).Assembly,
            MedSpaApp.Configure,
            builder => builder.WebHost.UseTestServer());
        await _app.StartAsync();

        var demo = Services.GetRequiredService<DemoClinic>();
        await demo.SeedAsync(DemoClinic.DemoTenantId, "Demo", Demo, patientCount: 5);
        await demo.SeedAsync(OtherTenant, "Other clinic", Other, patientCount: 3);
    }

    /// <summary>An orchestration instance of the clinic (today's summary, started once per clinic and day).</summary>
    public async Task<string> OrchestrationIdAsync(string tenantId) =>
        await Orchestrations.DailyClinicSummary.StartAsync(
            Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>(), tenantId, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public HttpClient Anonymous() => _app!.GetTestClient();

    public HttpClient As(string email)
    {
        var client = _app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(email));
        return client;
    }

    public HttpClient AsAdmin() => As($"admin@{Demo}");

    public string TokenFor(string email, TimeSpan? lifetime = null, DateTimeOffset? notBefore = null) =>
        Services.GetRequiredService<DevTokenIssuer>().Issue(email, email, lifetime, notBefore);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Every stored document with its ETag, except the audit log (which records attempts by design) and day summaries
    /// (written in the background by orchestrations that other tests start, not by the request under test).
    /// </summary>
    public List<string> Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT container || '/' || pk || '/' || id || '@' || etag FROM documents WHERE container <> 'audit' AND id NOT LIKE 'summary-%' ORDER BY 1";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The id of the first item of a setup list in a clinic, read straight from the store.</summary>
    public async Task<string> FirstIdAsync(string tenantId, string kind)
    {
        if (kind == "orchestration")
        {
            return await OrchestrationIdAsync(tenantId);
        }

        var page = await Store.QueryAsync<JsonObject>(Partitions.Clinic, tenantId, new DocumentQuery { PageSize = 1 }.Where("kind", FilterOperator.Equal, kind));
        return page.Items.Single().Id;
    }
}

public static class HttpExtensions
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
