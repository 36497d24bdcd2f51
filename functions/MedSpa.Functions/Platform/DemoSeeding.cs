using MedSpa.Infrastructure.Seeding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Platform;

/// <summary>Seeds the demo clinic on first start of a local run, so the system looks alive from the first page.</summary>
public sealed class DemoSeeding(DemoClinic demo, ILogger<DemoSeeding> logger) : IHostedService
{
    public const string DemoDomain = "demo.medspa.test";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await demo.SeedAsync(DemoClinic.DemoTenantId, "MedSpa Demo Clinic", DemoDomain, ct: cancellationToken))
        {
            logger.LogInformation("Seeded the demo clinic; sign in as admin@{Domain} (see README)", DemoDomain);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
