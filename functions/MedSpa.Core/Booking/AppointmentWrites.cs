namespace MedSpa.Core.Booking;

internal static class AppointmentWrites
{
    /// <summary>Saves if the appointment is unchanged since read, then runs the follow-up (ledger) work.</summary>
    public static async Task<Result<Document<Appointment>>> SaveThenAsync(AppointmentStore book, Appointment appointment, string etag, Func<Task> then, CancellationToken ct, Func<Task>? onStale = null)
    {
        try
        {
            var saved = await book.SaveAsync(appointment, etag, ct);
            await then();
            return saved;
        }
        catch (DocumentStaleException)
        {
            if (onStale is not null)
            {
                await onStale();
            }

            return new Error.Stale("This appointment was changed meanwhile. Reload it and try again.");
        }
    }
}
