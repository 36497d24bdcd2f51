using System.Text.Json;
using MedSpa.Core.Forms;

namespace MedSpa.Core.Photos;

/// <summary>
/// What a patient's photo release allows today: the latest photo release they signed that is still valid (not
/// superseded, not expired), and its <c>marketing</c> yes/no answer. Read each time, so a release withdrawn or
/// re-signed without marketing takes the photos out of marketing at once. An archived record (an erased patient's is
/// archived) never allows marketing, whatever its release said.
/// </summary>
public sealed class PhotoConsentOnFile(FormStore forms, Patients.PatientStore patients, TimeProvider clock)
{
    /// <summary>The yes/no field of a photo release that allows marketing use (the demo release and the template have it).</summary>
    public const string MarketingField = "marketing";

    public async Task<PhotoConsent> OfAsync(string tenantId, string patientId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var release = (await forms.SubmissionsOfAsync(tenantId, patientId, ct))
            .Select(d => d.Body)
            .Where(s => s.FormKind == FormKind.PhotoRelease && s.ValidAt(now))
            .MaxBy(s => s.SubmittedAt);
        return release switch
        {
            null => PhotoConsent.None,
            _ when release.Answers.TryGetValue(MarketingField, out var answer) && answer.ValueKind == JsonValueKind.True
                && await patients.GetAsync(tenantId, patientId, ct) is { Archived: false } => PhotoConsent.Marketing,
            _ => PhotoConsent.RecordOnly,
        };
    }
}
