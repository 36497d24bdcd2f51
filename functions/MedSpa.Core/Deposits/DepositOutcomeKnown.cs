namespace MedSpa.Core.Deposits;

/// <summary>The provider has decided a deposit: paid (or authorised), or declined and why. The booking saga acts on it.</summary>
public sealed record DepositOutcomeKnown(string TenantId, string AppointmentId, bool Succeeded, string? Reason) : IDomainEvent;
