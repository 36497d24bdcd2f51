using FluentValidation;

namespace MedSpa.Core.Booking;

/// <summary>A booking request and who sends it: whether a booking source may be named depends on the booker.</summary>
public sealed record BookingInput(Booker Booker, BookingRequest Request);

/// <summary>The shape of a booking request, before anything is looked up: the same checks for a booking and its validation.</summary>
public sealed class BookingRequestValidator : AbstractValidator<BookingInput>
{
    public const int NotesLength = 2000;

    public BookingRequestValidator()
    {
        RuleFor(x => x.Request.ServiceId).NotEmpty().WithMessage("Required.").OverridePropertyName("serviceId");
        RuleFor(x => x.Request.LocationId).NotEmpty().WithMessage("Required.").OverridePropertyName("locationId");
        RuleFor(x => x.Request.StartTime).Must(s => ApiDates.TryParseInstant(s, out _)).WithMessage(ApiDates.InstantMessage).OverridePropertyName("startTime");
        RuleFor(x => x.Request.Notes).MaximumLength(NotesLength).WithMessage($"At most {NotesLength} characters.")
            .Must(PlainText.IsText).WithMessage(PlainText.TextMessage).OverridePropertyName("notes");
        RuleFor(x => x.Request.BookingSource).Must((input, source) => BookingSources.Parse(input.Booker, source) is not null)
            .WithMessage(input => input.Booker.IsStaff ? "One of phone, walk-in or admin." : "Only staff set the booking source.")
            .OverridePropertyName("bookingSource");
    }
}

public static class BookingSources
{
    /// <summary>Patients book online (and may say so); staff book by phone, walk-in or as admin (the default).</summary>
    public static BookingSource? Parse(Booker booker, string? value) => booker.IsStaff
        ? value switch
        {
            null or "admin" => BookingSource.Admin,
            "phone" => BookingSource.Phone,
            "walk-in" => BookingSource.WalkIn,
            _ => null,
        }
        : value is null or "online" ? BookingSource.Online : null;
}
