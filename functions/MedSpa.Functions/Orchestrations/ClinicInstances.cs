using MedSpa.Core.Orchestrations;

namespace MedSpa.Functions.Orchestrations;

/// <summary>The one tenant check for orchestration instance ids that come from a request.</summary>
public static class ClinicInstances
{
    /// <summary>The clinic's own instance with that id, or null (another clinic's id is "not found", never "forbidden").</summary>
    public static async Task<OrchestrationMetadata?> FindInClinicAsync(this DurableTaskClient client, string tenantId, string instanceId, CancellationToken ct) =>
        instanceId.Length <= 200 && InstanceIds.BelongsTo(instanceId, tenantId)
            ? await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct)
            : null;
}
