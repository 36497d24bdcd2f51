namespace MedSpa.Core.Orchestrations;

/// <summary>
/// Orchestration instance ids start with the clinic's tenant id, so a clinic's admins can list and end only their own
/// instances, and a fixed key per run (a date, a booking id) makes starting one idempotent.
/// </summary>
public static class InstanceIds
{
    public static string For(string tenantId, string orchestration, string key) => $"{tenantId}:{orchestration}:{key}";

    public static string PrefixOf(string tenantId) => tenantId + ":";

    public static bool BelongsTo(string instanceId, string tenantId) => instanceId.StartsWith(PrefixOf(tenantId), StringComparison.Ordinal);
}
