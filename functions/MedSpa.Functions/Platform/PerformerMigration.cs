using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedSpa.Functions.Platform;

/// <summary>
/// On start, moves who performs a service from old staff documents (practitioner.serviceIds) onto the services, for every
/// clinic of this deployment (see <see cref="MovePerformersToServices"/>). Idempotent, so it runs on every start.
/// Delete this class, its registration in MedSpaApp and MovePerformersToServices once every deployed store (each local
/// data folder and each Cosmos account) has started once with it: after that no staff document carries the old list.
/// </summary>
public sealed class PerformerMigration(ClinicStore clinics, MovePerformersToServices move, ILogger<PerformerMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var clinic in await clinics.ListAsync(cancellationToken))
        {
            try
            {
                var outcome = await move.MoveAsync(clinic.TenantId, cancellationToken);
                if (!outcome.ChangedNothing)
                {
                    logger.LogInformation(
                        "Clinic {TenantId}: moved who performs a service onto {Services} service(s) from {Staff} staff document(s)",
                        clinic.TenantId, outcome.ServicesUpdated.Count, outcome.StaffRewritten.Count);
                }

                foreach (var skipped in outcome.Skipped)
                {
                    logger.LogWarning("Clinic {TenantId}: staff member {StaffId} named service {ServiceId}, not moved: {Reason}",
                        clinic.TenantId, skipped.StaffId, skipped.ServiceId, skipped.Reason);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One clinic's failure must not keep the app from starting; the next start tries again.
                logger.LogError(e, "Clinic {TenantId}: could not move who performs a service onto the services", clinic.TenantId);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
