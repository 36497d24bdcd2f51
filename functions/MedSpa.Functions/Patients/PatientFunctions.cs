using MedSpa.Core.Patients;

namespace MedSpa.Functions.Patients;

/// <summary>
/// Patient records: the list the desk searches, the quick create of the booking dialog, and one record to read, edit,
/// archive and restore. Every read of a record is audited; who sees and changes which part is <see cref="PatientAccess"/>'s.
/// </summary>
public sealed class PatientFunctions(
    PatientStore patients, PatientAccess access, FindPatients find, UpdatePatientProfile update, ArchivePatient archive, ReadPatientAppointments history, PatientAccessLog accessLog, ExportPatientRecord export, PatientCommunications communications, ReadFamily family, LinkFamily link, ErasePatient erase, MergePatients merge, PatientPhoto photo, GiveOnlineAccess onlineAccess, ClinicSetupStore setup, TimeProvider clock)
{
    [Function("SearchPatients")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    [AuditsReads]
    public async Task<IActionResult> Search([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients")] HttpRequest request, FunctionContext context)
    {
        var pageSize = Query.WholeNumber(request, "pageSize", 25);
        var archived = Query.Bool(request, "includeArchived");
        var status = Query.Text(request, "status") is { } raw ? WireNames.Parse<PatientStatus>(raw) : null;
        if (!pageSize.IsSuccess)
        {
            return Problems.From(pageSize.Error);
        }

        if (!archived.IsSuccess)
        {
            return Problems.From(archived.Error);
        }

        if (Query.Text(request, "status") is not null && status is null)
        {
            return Problems.From(Error.Invalid.Field("status", "One of active, inactive, discharged or deceased."));
        }

        var query = new PatientListQuery(Query.Text(request, "q"), status, Query.Text(request, "tag"), archived.Value, pageSize.Value, Query.Text(request, "continuationToken"),
            Query.Text(request, "lastVisitFrom"), Query.Text(request, "lastVisitTo"));
        return Responses.From(await find.FindAsync(context.GetCaller(), query, context.CancellationToken), page => Responses.Page(page, PatientListItem.From));
    }

    [Function("CreatePatient")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients")] HttpRequest request, FunctionContext context)
    {
        return await RequestBody.HandleAsync<NewPatient>(request, context, async body =>
        {
            var created = await patients.FindOrCreateAsync(context.GetCaller().TenantId, body, context.CancellationToken);
            return Responses.From(created, r => Responses.Json(PatientSummary.From(r.Patient), r.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK));
        });
    }

    [Function("GetPatient")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        if (await patients.DocumentAsync(caller.TenantId, id, context.CancellationToken) is not { } found)
        {
            return Problems.From(PatientAccess.NotFound(id));
        }

        if (await access.CheckReadAsync(caller, found.Body, context.CancellationToken) is { } refused)
        {
            return Problems.From(refused);
        }

        // A merged duplicate leads to the record it became (temporarily: a merge can be undone).
        return found.Body.MergedInto is { } survivor
            ? new RedirectResult($"/api/patients/{Uri.EscapeDataString(survivor)}", permanent: false, preserveMethod: true)
            : await RecordAsync(request, found, caller, context.CancellationToken);
    }

    [Function("MergePatients")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Merge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/merge")] HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<MergeRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var seen = await access.SeesAsync(caller, context.CancellationToken);
            return Responses.From(await merge.MergeAsync(caller, id, body, context.CancellationToken), done => Responses.Item(request, done.Survivor.ETag, new
            {
                Patient = PatientResponse.From(done.Survivor, seen),
                MergeId = done.Merge.Id,
                done.Merge.UndoUntil,
                Moved = done.Merge.Moved.Count,
            }));
        });
    }

    [Function("GiveOnlineAccess")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> GiveAccess([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/online-access")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await onlineAccess.GiveAsync(context.GetCaller(), id, context.CancellationToken), access => Responses.Json(access));

    [Function("UnmergePatients")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> Unmerge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/unmerge")] HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<UnmergeRequest>(request, context, async body =>
        {
            var caller = context.GetCaller();
            return await Responses.FromAsync(await merge.UnmergeAsync(caller, id, body, context.CancellationToken), d => RecordAsync(request, d, caller, context.CancellationToken));
        });
    }

    [Function("PatientAppointments")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Appointments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/appointments")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        return await Responses.FromAsync(await history.ReadAsync(caller, id, context.CancellationToken), async tabs =>
        {
            var clinic = await setup.LoadAsync(caller.TenantId, context.CancellationToken);
            JsonArray Of(IEnumerable<Document<Appointment>> items) => new([.. items.Select(a => (JsonNode)Booking.BookingJson.Appointment(a, clinic, context))]);
            return Responses.Json(new JsonObject
            {
                ["upcoming"] = Of(tabs.Upcoming),
                ["past"] = Of(tabs.Past),
                ["cancelled"] = Of(tabs.Cancelled),
                ["noShows"] = tabs.NoShows,
                ["lateCancellations"] = tabs.LateCancellations,
            });
        });
    }

    [Function("PatientAccessLog")]
    [CallableBy(Role.Admin | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> AccessLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/access-log")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await accessLog.ReadAsync(context.GetCaller(), id, Query.Text(request, "continuationToken"), context.CancellationToken),
            log => Responses.Json(new { Items = log.Entries, log.ContinuationToken }));

    [Function("PatientExport")]
    [CallableBy(Role.Admin | Role.Patient)]
    [AuditsReads]
    public async Task<IActionResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/export")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        return await Responses.FromAsync(await export.ExportAsync(caller, id, context.CancellationToken), async data =>
        {
            var clinic = await setup.LoadAsync(caller.TenantId, context.CancellationToken);
                        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"medspa-record-{id}.json\"";
            return Responses.Json(new
            {
                ExportedAt = clock.GetUtcNow(),
                Patient = PatientResponse.From(data.Patient, PatientAccess.Everything),
                Appointments = data.Appointments.Select(a => Booking.BookingJson.Appointment(a, clinic, context)),
                Waitlist = data.Waitlist.Select(e => new { e.ServiceName, e.FromDate, e.ToDate, Status = WireNames.Of(e.Status), e.CreatedAt }),
                Messages = data.Messages.Select(m => new { m.At, m.Subject, m.Body }),
                Forms = data.Forms.Select(f => new
                {
                    f.FormName, Kind = WireNames.Of(f.FormKind), f.Version, f.SubmittedAt, f.SignerName, f.Answers, f.LegalText, f.IpAddress, f.UserAgent, f.ContentHash,
                    f.ExpiresAt, Superseded = f.SupersededBy is not null,
                }),
                Charts = data.Charts.Select(Charts.ChartResponse.From),
                Photos = data.Photos.Select(p => new
                {
                    p.Photo.Id, p.Photo.ChartId, p.Photo.Angle, VisitStart = Core.Scheduling.ClinicTime.ToIsoString(p.Photo.VisitStart, p.Photo.VisitTimeZone), p.Photo.UploadedAt,
                    p.Photo.TakenBy, p.Photo.Width, p.Photo.Height, p.Image,
                }),
                data.AccessLog,
                Note = "Drawn signatures and uploaded files are in the forms' answers, and photos in their image, as data: URLs.",
            });
        });
    }

    [Function("PatientCommunications")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Communications([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/communications")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await communications.ReadAsync(context.GetCaller(), id, context.CancellationToken), log => Responses.Json(new { Items = log.Select(CommunicationResponse.From) }));

    [Function("LogPatientCommunication")]
    [CallableBy(Role.Staff)]
    public async Task<IActionResult> LogCommunication([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/communications")] HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<NewCommunication>(request, context, async body =>
            Responses.From(await communications.LogAsync(context.GetCaller(), id, body, context.CancellationToken), e => Responses.Json(CommunicationResponse.From(e), StatusCodes.Status201Created)));
    }

    [Function("PatientRelationships")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> Relationships([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/relationships")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await family.ReadAsync(context.GetCaller(), id, context.CancellationToken), members => Responses.Json(new { Items = members }));

    [Function("LinkPatientRelationship")]
    [CallableBy(Role.Admin | Role.FrontDesk)]
    public async Task<IActionResult> LinkRelationship([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/relationships")] HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<NewFamilyLink>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var linked = await link.LinkAsync(caller, id, body, context.CancellationToken);
            return await Responses.FromAsync(linked, async _ =>
                Responses.From(await family.ReadAsync(caller, id, context.CancellationToken), members => Responses.Json(new { Items = members }, StatusCodes.Status201Created)));
        });
    }

    [Function("ErasePatient")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/erasure")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await erase.EraseAsync(context.GetCaller(), id, Responses.IfMatch(request), context.CancellationToken), report => Responses.Json(report));

    [Function("UpdatePatient")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> Update([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "patients/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        return await RequestBody.HandleAsync<PatientProfile>(request, context, async body =>
        {
            var caller = context.GetCaller();
            var saved = await update.UpdateAsync(caller, id, body, Responses.IfMatch(request), context.CancellationToken);
            return await Responses.FromAsync(saved, d => RecordAsync(request, d, caller, context.CancellationToken));
        });
    }

    [Function("ArchivePatient")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Archive([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "patients/{id}")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await archive.SetArchivedAsync(context.GetCaller(), id, archived: true, Responses.IfMatch(request), context.CancellationToken), _ => new NoContentResult());

    [Function("RestorePatient")]
    [CallableBy(Role.Admin)]
    public async Task<IActionResult> Restore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "patients/{id}/restore")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        return await Responses.FromAsync(await archive.SetArchivedAsync(caller, id, archived: false, Responses.IfMatch(request), context.CancellationToken),
            d => RecordAsync(request, d, caller, context.CancellationToken));
    }

    [Function("PutPatientPhoto")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> PutPhoto([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "patients/{id}/photo")] HttpRequest request, string id, FunctionContext context)
    {
        var image = await RequestBody.ReadBytesAsync(request, PatientPhoto.MaxBytes, "A profile photo may be at most 2 MB.", context.CancellationToken);
        if (!image.IsSuccess)
        {
            return Problems.From(image.Error);
        }

        var caller = context.GetCaller();
        return await Responses.FromAsync(await photo.SetAsync(caller, id, image.Value, context.CancellationToken), d => RecordAsync(request, d, caller, context.CancellationToken));
    }

    [Function("GetPatientPhoto")]
    [CallableBy(Role.Anyone)]
    [AuditsReads]
    public async Task<IActionResult> GetPhoto([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "patients/{id}/photo")] HttpRequest request, string id, FunctionContext context) =>
        Responses.From(await photo.GetAsync(context.GetCaller(), id, context.CancellationToken), file => new FileStreamResult(file.Content, file.ContentType));

    [Function("DeletePatientPhoto")]
    [CallableBy(Role.Anyone)]
    public async Task<IActionResult> DeletePhoto([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "patients/{id}/photo")] HttpRequest request, string id, FunctionContext context)
    {
        var caller = context.GetCaller();
        return await Responses.FromAsync(await photo.RemoveAsync(caller, id, context.CancellationToken), d => RecordAsync(request, d, caller, context.CancellationToken));
    }

    /// <summary>The record as the caller may see it (the clinic decides whether the desk sees clinical fields).</summary>
    private async Task<IActionResult> RecordAsync(HttpRequest request, Document<Patient> record, Caller caller, CancellationToken ct) =>
        Responses.Item(request, record.ETag, PatientResponse.From(record, await access.SeesAsync(caller, ct)));
}
