namespace MedSpa.Core.Setup;

/// <summary>
/// A data migration. Who performs a service used to be stored twice: on the service (<see cref="Service.PractitionerIds"/>)
/// and on the staff member (<c>practitioner.serviceIds</c>). The service's list is now the only one. For one clinic, this
/// adds every staff member to the services their stored documents still name, then rewrites those staff documents
/// without the old list. Nothing else changes: a deleted staff member is moved too (deleting someone never took them off
/// a service's list, and restoring them brings their services back, as before); a service that is missing, deleted or
/// not a service is skipped and reported. Idempotent: a second run finds no old lists and writes nothing; a run cut off
/// between the services and the staff document finishes on the next run without adding anyone twice.
/// </summary>
public sealed class MovePerformersToServices(IDocumentStore store, TimeProvider clock, ClinicSetupStore setup)
{
    private const int MaxAttempts = 5;

    /// <summary>What a run did: staff documents rewritten, services that gained a practitioner, names it could not move.</summary>
    public sealed record Outcome(IReadOnlyList<string> StaffRewritten, IReadOnlyList<string> ServicesUpdated, IReadOnlyList<Skipped> Skipped)
    {
        public bool ChangedNothing => StaffRewritten.Count == 0 && ServicesUpdated.Count == 0;
    }

    /// <summary>A service a staff member named that is not a live service of the clinic, so it was not given them.</summary>
    public sealed record Skipped(string StaffId, string ServiceId, string Reason);

    public async Task<Outcome> MoveAsync(string tenantId, CancellationToken ct = default)
    {
        var staffRewritten = new List<string>();
        var servicesUpdated = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = new List<Skipped>();
        void Skip(Skipped skip)
        {
            if (!skipped.Contains(skip))
            {
                skipped.Add(skip);
            }
        }

        var found = await store.QueryAllAsync<LegacyStaff>(Partitions.Clinic, Partitions.Tenant(tenantId), new DocumentQuery().Where(nameof(SetupItem.Kind), FilterOperator.Equal, "staff"), ct);
        foreach (var legacy in found.Where(d => d.Body.Practitioner?.ServiceIds is not null))
        {
            var current = legacy;
            for (var attempt = 1; ; attempt++)
            {
                foreach (var serviceId in (current.Body.Practitioner?.ServiceIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal))
                {
                    switch (await AddPerformerAsync(tenantId, serviceId, current.Id, ct))
                    {
                        case Added.Yes:
                            servicesUpdated.Add(serviceId);
                            break;
                        case Added.NoSuchService:
                            Skip(new Skipped(current.Id, serviceId, "no such service in this clinic"));
                            break;
                        case Added.ServiceDeleted:
                            Skip(new Skipped(current.Id, serviceId, "the service is deleted"));
                            break;
                    }
                }

                // The staff member as the model reads it (without the old list), rewritten only if nobody changed the
                // document since its old list was read: what was moved is exactly what is dropped.
                var member = await store.ReadAsync<StaffMember>(Partitions.Clinic, Partitions.Tenant(tenantId), current.Id, ct);
                if (member is null)
                {
                    break;
                }

                if (member.ETag == current.ETag)
                {
                    try
                    {
                        await store.ReplaceAsync(Partitions.Clinic, Partitions.Tenant(tenantId), member.Id, member.Body, member.ETag, ct);
                        staffRewritten.Add(member.Id);
                        break;
                    }
                    catch (DocumentStaleException) when (attempt < MaxAttempts)
                    {
                        // Saved meanwhile: read the old list again below.
                    }
                    catch (DocumentNotFoundException)
                    {
                        break;
                    }
                }
                else if (attempt >= MaxAttempts)
                {
                    throw new DocumentStaleException(current.Id);
                }

                // Changed meanwhile: a save through the API already dropped the old list; otherwise move what it says now.
                var reread = await store.ReadAsync<LegacyStaff>(Partitions.Clinic, Partitions.Tenant(tenantId), current.Id, ct);
                if (reread?.Body.Practitioner?.ServiceIds is null)
                {
                    break;
                }

                current = reread;
            }
        }

        var outcome = new Outcome(staffRewritten, [.. servicesUpdated], skipped);
        if (!outcome.ChangedNothing)
        {
            await setup.ChangedAsync(tenantId, ct);
        }

        return outcome;
    }

    private enum Added
    {
        Yes,
        AlreadyThere,
        NoSuchService,
        ServiceDeleted,
    }

    private async Task<Added> AddPerformerAsync(string tenantId, string serviceId, string staffId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The stored kind first: a typed read of any document would answer with a Service.
            var kind = await store.ReadAsync<StoredKind>(Partitions.Clinic, Partitions.Tenant(tenantId), serviceId, ct);
            if (kind is null || kind.Body.Kind != "service")
            {
                return Added.NoSuchService;
            }

            var service = await store.ReadAsync<Service>(Partitions.Clinic, Partitions.Tenant(tenantId), serviceId, ct);
            if (service is null || service.ETag != kind.ETag)
            {
                // Changed between the two reads: read both again.
                if (attempt >= MaxAttempts)
                {
                    throw new DocumentStaleException(serviceId);
                }

                continue;
            }

            if (service.Body.Deleted)
            {
                return Added.ServiceDeleted;
            }

            var performers = service.Body.PractitionerIds ?? [];
            if (performers.Contains(staffId))
            {
                return Added.AlreadyThere;
            }

            try
            {
                var updated = service.Body with { PractitionerIds = [.. performers, staffId], UpdatedAt = clock.GetUtcNow() };
                await store.ReplaceAsync(Partitions.Clinic, Partitions.Tenant(tenantId), serviceId, updated, service.ETag, ct);
                return Added.Yes;
            }
            catch (DocumentStaleException) when (attempt < MaxAttempts)
            {
                // An admin saved the service meanwhile: read it again.
            }
        }
    }

    /// <summary>Just enough of any stored document to tell its kind.</summary>
    private sealed record StoredKind(string Kind);

    /// <summary>The old shape of a staff document: only the list this migration moves.</summary>
    private sealed record LegacyStaff(LegacyPractitioner? Practitioner);

    private sealed record LegacyPractitioner(IReadOnlyList<string>? ServiceIds);
}
