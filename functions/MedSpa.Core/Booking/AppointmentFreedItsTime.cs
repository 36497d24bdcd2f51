namespace MedSpa.Core.Booking;

/// <summary>An appointment stopped holding its time (cancelled, no-show): the time may go to someone on the waitlist.</summary>
public sealed record AppointmentFreedItsTime(string TenantId, string AppointmentId) : IDomainEvent;
