using PhoneNumbers;

namespace MedSpa.Core.Patients;

/// <summary>
/// Phone numbers as patients type them ("(415) 555-0100", "+44 20 7946 0958") become E.164 ("+14155550100"), the form
/// SMS providers take and duplicates are found by. A number without a country code is read in the clinic's country.
/// </summary>
public static class PatientPhone
{
    public const string Message = "Enter a phone number that can be called, with its country code if it is not local.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <returns>The number in E.164, or null when it is not a possible number.</returns>
    public static string? ToE164(string? raw, string region)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40)
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(raw, region);
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
