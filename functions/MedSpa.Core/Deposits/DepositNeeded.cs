namespace MedSpa.Core.Deposits;

/// <summary>A booking is held until its deposit is paid, at the latest until <paramref name="HoldExpiresAt"/>.</summary>
public sealed record DepositNeeded(string TenantId, string AppointmentId, Money Deposit, DateTimeOffset HoldExpiresAt) : IDomainEvent;
