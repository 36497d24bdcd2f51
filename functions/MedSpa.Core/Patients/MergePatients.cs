using System.Text.Json;
using System.Text.Json.Nodes;
using MedSpa.Core.Audit;

namespace MedSpa.Core.Patients;

/// <summary>Which record's value each field keeps ("survivor" or "duplicate"); fields not named keep the survivor's.</summary>
public sealed record MergeRequest(string? DuplicateId, IReadOnlyDictionary<string, string>? Fields);

public sealed record UnmergeRequest(string? MergeId);

/// <summary>A document that moved from the duplicate to the survivor, to move it back on undo.</summary>
public sealed record MovedDocument(string Container, string Id);

/// <summary>
/// One merge, kept whole so that it can be undone: both records as they were, the records whose family links
/// pointed at the duplicate, and every document that moved.
/// </summary>
public sealed record PatientMerge(
    string Id, string TenantId, string SurvivorId, string DuplicateId, Patient SurvivorBefore, Patient DuplicateBefore, IReadOnlyList<Patient> LinkedBefore,
    IReadOnlyList<MovedDocument> Moved, string? SurvivorETagAfter, string? RelinkedEmail, DateTimeOffset MergedAt, string By, DateTimeOffset? UndoneAt = null, string? UndoneBy = null)
{
    public const string DocumentKind = "patient-merge";

    public static readonly TimeSpan UndoWindow = TimeSpan.FromDays(30);

    public string Kind => DocumentKind;

    public DateTimeOffset UndoUntil => MergedAt + UndoWindow;
}

/// <summary>
/// Merges a duplicate record into the one the clinic keeps (the survivor): the desk picks, field by field, whose value
/// stays; allergies, alerts, medications, tags and family are joined; appointments, forms and consents,
/// communications and waitlist entries move to the survivor; the duplicate is archived and leads to the survivor from
/// then on. The whole merge is one audited event that can be undone for 30 days, as long as the survivor's record
/// has not been edited since (an undo must not throw away someone's later change).
/// </summary>
public sealed class MergePatients(IDocumentStore store, PatientStore patients, PatientAccess access, UserStore directory, AuditStore audit, TimeProvider clock)
{
    /// <summary>The containers whose documents name a patient (by <c>patientId</c>) and follow them in a merge.</summary>
    public static readonly string[] PatientContainers = [Partitions.Appointments, Partitions.Forms, Partitions.Notifications, Partitions.Waitlist, Partitions.Charts, Partitions.Photos];

    /// <summary>The fields the desk chooses between, by their API names; lists and family are joined instead.</summary>
    public static readonly IReadOnlyList<string> Choosable =
    [
        "firstName", "lastName", "preferredName", "pronouns", "dateOfBirth", "email", "phone", "alternatePhone", "address", "status",
        "communicationPreferences", "privacyPreferences",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<(Document<Patient> Survivor, PatientMerge Merge)>> MergeAsync(Caller caller, string survivorId, MergeRequest request, CancellationToken ct = default)
    {
        var pair = await CheckAsync(caller, survivorId, request, ct);
        if (!pair.IsSuccess)
        {
            return pair.Error;
        }

        var (survivor, duplicate) = pair.Value;
        var now = clock.GetUtcNow();
        var mergeId = $"merge-{Guid.NewGuid():N}";
        var merged = Combine(survivor.Body, duplicate.Body, request.Fields ?? new Dictionary<string, string>(), mergeId, now);

        // Both records first (their ETags guard against a concurrent edit), then what points at the duplicate.
        var savedSurvivor = await patients.ReplaceAsync(merged, survivor.ETag, ct);
        if (!savedSurvivor.IsSuccess)
        {
            return savedSurvivor.Error;
        }

        var savedDuplicate = await patients.ReplaceAsync(duplicate.Body with { MergedInto = survivorId, Archived = true, UpdatedAt = now }, duplicate.ETag, ct);
        if (!savedDuplicate.IsSuccess)
        {
            await patients.ReplaceAsync(survivor.Body with { UpdatedAt = now }, savedSurvivor.Value.ETag, ct); // put the survivor back
            return savedDuplicate.Error;
        }

        var linked = await RelinkFamilyAsync(caller.TenantId, duplicate.Body, survivorId, ct);
        var moved = await MoveAsync(caller.TenantId, duplicate.Body.Id, merged, ct);
        var relinked = await MoveSignInAsync(duplicate.Body, duplicate.Body.Id, survivorId, ct);
        var merge = new PatientMerge(mergeId, caller.TenantId, survivorId, duplicate.Body.Id, survivor.Body, duplicate.Body, linked, moved,
            savedSurvivor.Value.ETag, relinked, now, caller.DisplayName);
        await store.CreateAsync(Partitions.Merges, Partitions.Tenant(caller.TenantId), merge.Id, merge, ct);
        await RecordAsync(caller, now, "merge", survivorId, duplicate.Body.Id, $"{duplicate.Body.FirstName} {duplicate.Body.LastName} ({duplicate.Body.Id}) merged into this record; {moved.Count} documents moved.", ct);
        return (savedSurvivor.Value, merge);
    }

    public async Task<Result<Document<Patient>>> UnmergeAsync(Caller caller, string survivorId, UnmergeRequest request, CancellationToken ct = default)
    {
        var opened = await access.OpenAsync(caller, survivorId, ct);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var survivor = opened.Value;

        var found = string.IsNullOrEmpty(request.MergeId) || request.MergeId.Length > 100 ? null
            : await store.ReadAsync<PatientMerge>(Partitions.Merges, Partitions.Tenant(caller.TenantId), request.MergeId, ct);
        if (found is not { Body: var merge } || merge.SurvivorId != survivorId)
        {
            return Error.Invalid.Field("mergeId", "No merge into this record with that id.");
        }

        var now = clock.GetUtcNow();
        if (merge.UndoneAt is not null)
        {
            return new Error.Conflict("This merge was undone already.");
        }

        if (now > merge.UndoUntil)
        {
            return new Error.Conflict($"A merge can be undone for {PatientMerge.UndoWindow.Days} days; this one was on {merge.MergedAt:yyyy-MM-dd}.");
        }

        if (survivor.ETag != merge.SurvivorETagAfter)
        {
            return new Error.Conflict("The record was edited after the merge, so undoing it would lose that change. Make the correction by hand instead.");
        }

        var restored = await patients.ReplaceAsync(merge.SurvivorBefore with { UpdatedAt = now }, survivor.ETag, ct);
        if (!restored.IsSuccess)
        {
            return restored.Error;
        }

        await RestoreAsync(merge.DuplicateBefore with { UpdatedAt = now }, ct);
        foreach (var linked in merge.LinkedBefore)
        {
            await RestoreAsync(linked, ct);
        }

        await MoveBackAsync(merge, ct);
        if (merge.RelinkedEmail is { } email && await directory.FindAsync(email, ct) is { } entry && entry.PatientId == survivorId)
        {
            await directory.LinkAsync(entry with { PatientId = merge.DuplicateId }, ct);
        }

        await store.ReplaceAsync(Partitions.Merges, Partitions.Tenant(caller.TenantId), merge.Id, merge with { UndoneAt = now, UndoneBy = caller.DisplayName }, found.ETag, ct);
        await RecordAsync(caller, now, "unmerge", survivorId, merge.DuplicateId, $"The merge of {merge.DuplicateId} into this record was undone.", ct);
        return restored;
    }

    private async Task<Result<(Document<Patient> Survivor, Document<Patient> Duplicate)>> CheckAsync(Caller caller, string survivorId, MergeRequest request, CancellationToken ct)
    {
        if (!(await access.OpenAsync(caller, survivorId, ct)).IsSuccess)
        {
            return PatientAccess.NotFound(survivorId);
        }

        if (string.IsNullOrEmpty(request.DuplicateId) || request.DuplicateId.Length > 100)
        {
            return Error.Invalid.Field("duplicateId", "Required: the record to merge into this one.");
        }

        var unknown = (request.Fields ?? new Dictionary<string, string>()).Where(f => !Choosable.Contains(f.Key) || f.Value is not ("survivor" or "duplicate")).ToList();
        if (unknown.Count > 0)
        {
            return new Error.Invalid(unknown.Take(10).ToDictionary(f => $"fields.{f.Key}",
                f => new[] { Choosable.Contains(f.Key) ? "Choose survivor or duplicate." : $"Not a field to choose. One of: {string.Join(", ", Choosable)}." }));
        }

        var found = new List<Document<Patient>>();
        foreach (var id in new[] { survivorId, request.DuplicateId })
        {
            if (await access.OpenAsync(caller, id, ct) is not { IsSuccess: true, Value: var patient })
            {
                return id == survivorId ? PatientAccess.NotFound(id) : Error.Invalid.Field("duplicateId", "No such patient in this clinic.");
            }

            if (patient.Body.MergedInto is not null)
            {
                return new Error.Conflict($"{patient.Body.FirstName} {patient.Body.LastName} was merged into another record already.");
            }

            found.Add(patient);
        }

        return request.DuplicateId == survivorId ? Error.Invalid.Field("duplicateId", "A record cannot be merged into itself.") : (found[0], found[1]);
    }

    private static Patient Combine(Patient survivor, Patient duplicate, IReadOnlyDictionary<string, string> fields, string mergeId, DateTimeOffset now)
    {
        var merged = TakeFrom(survivor, duplicate, fields.Where(f => f.Value == "duplicate").Select(f => f.Key));
        static IReadOnlyList<string> Join(IReadOnlyList<string> a, IReadOnlyList<string> b) => [.. a.Concat(b).Distinct(StringComparer.OrdinalIgnoreCase)];
        return merged with
        {
            MedicalAlerts = Join(survivor.MedicalAlerts, duplicate.MedicalAlerts),
            Allergies = Join(survivor.Allergies, duplicate.Allergies),
            Medications = Join(survivor.Medications, duplicate.Medications),
            Tags = Join(survivor.Tags, duplicate.Tags),
            LastVisitOn = string.CompareOrdinal(survivor.LastVisitOn, duplicate.LastVisitOn) >= 0 ? survivor.LastVisitOn : duplicate.LastVisitOn,
            Family = [.. survivor.Family.Concat(duplicate.Family.Where(l => survivor.Family.All(s => s.PatientId != l.PatientId)))
                .Where(l => l.PatientId != survivor.Id && l.PatientId != duplicate.Id)],
            MergedFrom = [.. survivor.MergedFrom, new MergeNote(duplicate.Id, $"{duplicate.FirstName} {duplicate.LastName}", mergeId, now)],
            Archived = false,
            UpdatedAt = now,
        };
    }

    /// <summary>The survivor with the duplicate's value of each field named: copied by name, so a field added to the list needs no code.</summary>
    private static Patient TakeFrom(Patient survivor, Patient duplicate, IEnumerable<string> fields)
    {
        var kept = JsonSerializer.SerializeToNode(survivor, Json) as JsonObject ?? [];
        var other = JsonSerializer.SerializeToNode(duplicate, Json) as JsonObject ?? [];
        foreach (var field in fields)
        {
            kept[field] = other[field]?.DeepClone();
        }

        return kept.Deserialize<Patient>(Json) ?? survivor;
    }

    /// <summary>Family links on other records that named the duplicate now name the survivor; returns those records as they were.</summary>
    private async Task<IReadOnlyList<Patient>> RelinkFamilyAsync(string tenantId, Patient duplicate, string survivorId, CancellationToken ct)
    {
        var before = new List<Patient>();
        foreach (var link in duplicate.Family.Where(l => l.PatientId != survivorId))
        {
            if (await patients.DocumentAsync(tenantId, link.PatientId, ct) is not { } relative)
            {
                continue;
            }

            before.Add(relative.Body);
            var family = relative.Body.Family.Any(l => l.PatientId == survivorId)
                ? relative.Body.Family.Where(l => l.PatientId != duplicate.Id)
                : relative.Body.Family.Select(l => l.PatientId == duplicate.Id ? l with { PatientId = survivorId } : l);
            await patients.ReplaceAsync(relative.Body with { Family = [.. family] }, relative.ETag, ct);
        }

        return before;
    }

    private async Task<IReadOnlyList<MovedDocument>> MoveAsync(string tenantId, string fromId, Patient to, CancellationToken ct)
    {
        var moved = new List<MovedDocument>();
        foreach (var container in PatientContainers)
        {
            foreach (var document in await store.QueryAllAsync<JsonObject>(container, Partitions.Tenant(tenantId),
                new DocumentQuery().Where(nameof(Booking.Appointment.PatientId), FilterOperator.Equal, fromId), ct))
            {
                await store.ReplaceAsync(container, Partitions.Tenant(tenantId), document.Id, Relabel(document.Body, to.Id, $"{to.FirstName} {to.LastName}"), document.ETag, ct);
                moved.Add(new MovedDocument(container, document.Id));
            }
        }

        return moved;
    }

    private async Task MoveBackAsync(PatientMerge merge, CancellationToken ct)
    {
        var name = $"{merge.DuplicateBefore.FirstName} {merge.DuplicateBefore.LastName}";
        foreach (var moved in merge.Moved)
        {
            if (await store.ReadAsync<JsonObject>(moved.Container, Partitions.Tenant(merge.TenantId), moved.Id, ct) is { } document
                && document.Body["patientId"]?.GetValue<string>() == merge.SurvivorId)
            {
                await store.ReplaceAsync(moved.Container, Partitions.Tenant(merge.TenantId), moved.Id, Relabel(document.Body, merge.DuplicateId, name), document.ETag, ct);
            }
        }
    }

    /// <summary>The document as the other patient's: its patient id, and the name it shows where it keeps one.</summary>
    private static JsonObject Relabel(JsonObject body, string patientId, string patientName)
    {
        body["patientId"] = patientId;
        if (body.ContainsKey("patientName"))
        {
            body["patientName"] = patientName;
        }

        return body;
    }

    /// <summary>The duplicate's portal sign-in, if it had one, now opens the survivor's record.</summary>
    private async Task<string?> MoveSignInAsync(Patient duplicate, string fromId, string toId, CancellationToken ct)
    {
        if (duplicate.Email is { } email && await directory.FindAsync(email, ct) is { } entry && entry.TenantId == duplicate.TenantId && entry.PatientId == fromId)
        {
            await directory.LinkAsync(entry with { PatientId = toId }, ct);
            return email;
        }

        return null;
    }

    private async Task RestoreAsync(Patient before, CancellationToken ct)
    {
        if (await patients.DocumentAsync(before.TenantId, before.Id, ct) is { } current)
        {
            await patients.ReplaceAsync(before, current.ETag, ct);
        }
    }

    private async Task RecordAsync(Caller caller, DateTimeOffset now, string action, string survivorId, string duplicateId, string reason, CancellationToken ct)
    {
        foreach (var id in new[] { survivorId, duplicateId })
        {
            await audit.RecordAsync(new AuditEntry(AuditStore.NewId(now), caller.TenantId, now, new AuditActor(caller.UserId, caller.Email, RoleNames.ToWire(caller.Role)),
                action, $"patients/{id}", id, "success", 200, null, reason), ct);
        }
    }
}
