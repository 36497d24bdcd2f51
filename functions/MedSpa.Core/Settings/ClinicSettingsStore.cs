using FluentValidation;

namespace MedSpa.Core.Settings;

/// <summary>A document of clinic-wide settings: one per clinic, its defaults until an admin saves it.</summary>
public interface IClinicSettings<TSelf> where TSelf : IClinicSettings<TSelf>, new()
{
    /// <summary>The document's id in the clinic's partition.</summary>
    static abstract string DocumentId { get; }

    /// <summary>What the settings are called in a message to the admin ("the booking rules").</summary>
    static abstract string Called { get; }

    /// <summary>The same settings named as the clinic's: the server sets it, never the client (every document names its clinic).</summary>
    TSelf ForClinic(string tenantId);
}

/// <summary>
/// Reads and saves one kind of clinic settings: validated, saved with the version the admin's page read (If-Match), and
/// read as the defaults until first saved, so a clinic works before anyone opens its settings.
/// </summary>
public class ClinicSettingsStore<T>(IDocumentStore store, IValidator<T> validator) where T : class, IClinicSettings<T>, new()
{
    public async Task<Document<T>> GetAsync(string tenantId, CancellationToken ct = default) =>
        await store.ReadAsync<T>(Partitions.Clinic, tenantId, T.DocumentId, ct) ?? new Document<T>(T.DocumentId, tenantId, new T().ForClinic(tenantId), "");

    public async Task<Result<Document<T>>> UpdateAsync(string tenantId, T settings, string? ifMatch, CancellationToken ct = default)
    {
        settings = settings.ForClinic(tenantId);
        var validation = await validator.ValidateAsync(settings, ct);
        if (!validation.IsValid)
        {
            return FieldErrors.From(validation);
        }

        var current = await store.ReadAsync<T>(Partitions.Clinic, tenantId, T.DocumentId, ct);
        try
        {
            if (current is null)
            {
                return await store.CreateAsync(Partitions.Clinic, tenantId, T.DocumentId, settings, ct);
            }

            if (string.IsNullOrEmpty(ifMatch))
            {
                return new Error.VersionRequired($"This page's copy of {T.Called} is out of date. Reload them and try again.");
            }

            return await store.ReplaceAsync(Partitions.Clinic, tenantId, T.DocumentId, settings, ifMatch, ct);
        }
        catch (Exception e) when (e is DocumentStaleException or DocumentConflictException)
        {
            return new Error.Stale($"{char.ToUpperInvariant(T.Called[0])}{T.Called[1..]} were changed by someone else. Reload and try again.");
        }
    }
}
