using MedSpa.Core.Access;
using MedSpa.Core.Common;
using MedSpa.Core.Forms;

namespace MedSpa.Infrastructure.Seeding;

/// <summary>
/// The demo clinic's forms, written and published through the builder's use cases: a medical history with conditional
/// questions, consents for neurotoxins, dermal fillers and lasers (with Fitzpatrick skin typing), a photo release with
/// separate choices, and an after-care acknowledgment.
/// </summary>
public sealed class DemoForms(SaveForm save, PublishForm publish)
{
    /// <summary>The forms a service of the category requires: intake forms and consents.</summary>
    public sealed record Requirements(IReadOnlyList<string> FormIds, IReadOnlyList<string> ConsentIds);

    public async Task<IReadOnlyDictionary<string, Requirements>> SeedAsync(Caller admin, CancellationToken ct)
    {
        var history = await PublishAsync(admin, MedicalHistory, ct);
        var neurotoxin = await PublishAsync(admin, NeurotoxinConsent, ct);
        var filler = await PublishAsync(admin, FillerConsent, ct);
        var laser = await PublishAsync(admin, LaserConsent, ct);
        await PublishAsync(admin, PhotoRelease, ct);
        await PublishAsync(admin, AfterCare, ct);
        return new Dictionary<string, Requirements>
        {
            ["Neurotoxin"] = new([history], [neurotoxin]),
            ["Dermal filler"] = new([history], [filler]),
            ["Laser"] = new([history], [laser]),
        };
    }

    private async Task<string> PublishAsync(Caller admin, FormContent content, CancellationToken ct)
    {
        var created = await save.CreateAsync(admin, content, ct);
        var id = created.IsSuccess ? created.Value.Id : throw new InvalidOperationException($"Demo form '{content.Name}' is invalid: {Describe(created.Error)}");
        var published = await publish.PublishAsync(admin, id, ct);
        return published.IsSuccess ? id : throw new InvalidOperationException($"Demo form '{content.Name}' was not published: {published.Error.Detail}");
    }

    private static string Describe(Error error) => error is Error.Invalid invalid
        ? string.Join("; ", invalid.FieldErrors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))
        : error.Detail;

    private static FormField Field(string id, FieldType type, string label, bool required = true, string[]? options = null, VisibleIf? when = null, string? help = null) =>
        new(id, type, label, required, options ?? [], help, when);

    private static FormField Signature => Field("signature", FieldType.Signature, "Your signature");

    private static readonly FormContent MedicalHistory = new("Medical history", "Tell us about your health so your treatment is safe for you.", FormKind.Intake, null, 12,
    [
        new("About you",
        [
            Field("sexAtBirth", FieldType.Choice, "Sex assigned at birth", options: ["Female", "Male", "Intersex"]),
            Field("pregnant", FieldType.YesNo, "Are you pregnant, trying to conceive or breastfeeding?", when: new("sexAtBirth", "Female")),
            Field("conditions", FieldType.MultiChoice, "Do you have any of these conditions?", required: false,
                options: ["Autoimmune disease", "Bleeding or clotting disorder", "Diabetes", "Heart condition", "Neuromuscular disorder (e.g. myasthenia gravis)", "Keloid scarring", "Cold sores"]),
        ]),
        new("Medications and allergies",
        [
            Field("medications", FieldType.LongText, "Medications and supplements you take (blood thinners, fish oil, isotretinoin...)", required: false),
            Field("allergies", FieldType.LongText, "Allergies (medicines, lidocaine, latex, foods)", required: false),
        ]),
        new("Previous treatments",
        [
            Field("previousFillers", FieldType.YesNo, "Have you had dermal fillers before?"),
            Field("whichFiller", FieldType.Text, "Which filler, where, and when?", when: new("previousFillers", "yes")),
            Field("previousToxin", FieldType.YesNo, "Have you had Botox, Dysport or Xeomin before?"),
            Field("lastToxin", FieldType.Date, "When was your last neurotoxin treatment?", required: false, when: new("previousToxin", "yes")),
            Signature,
        ]),
    ]);

    private static FormField RisksRead => Field("risksRead", FieldType.Initials, "Initial to confirm you have read and understood the risks");

    /// <summary>A consent on one page: its legal text, its questions, then the signature.</summary>
    private static FormContent Consent(string name, string description, FormKind kind, int? months, string legalText, params FormField[] questions) =>
        new(name, description, kind, legalText, months, [new("Consent", [.. questions, Signature])]);

    private static readonly FormContent NeurotoxinConsent = Consent("Neurotoxin consent", "Botox, Dysport, Xeomin and lip flips.", FormKind.Consent, 12,
        "I consent to treatment with botulinum toxin. I understand that results last about three to four months and are not guaranteed. "
        + "Possible side effects include bruising, swelling, headache, and rarely a drooping eyelid or brow that resolves over weeks. "
        + "I have told my provider about any neuromuscular disorder, pregnancy or breastfeeding, and all medications I take.",
        RisksRead);

    private static readonly FormContent FillerConsent = Consent("Dermal filler consent", "Hyaluronic acid fillers: lips, cheeks, jawline, tear troughs.", FormKind.Consent, 12,
        "I consent to the injection of hyaluronic acid dermal filler. I understand the risks, including bruising, swelling, lumps, infection, "
        + "and rarely blockage of a blood vessel, which can cause skin damage or vision changes and needs urgent treatment. "
        + "I will call the clinic at once if I notice blanching, severe pain or vision changes after treatment.",
        Field("fillerInArea", FieldType.YesNo, "Have you had filler or a permanent implant in the area being treated?"),
        Field("fillerInAreaDetails", FieldType.Text, "What, and when?", when: new("fillerInArea", "yes")),
        RisksRead);

    private static readonly FormContent LaserConsent = new("Laser and IPL consent", "Laser hair removal, IPL photofacial, resurfacing.", FormKind.Consent,
        "I consent to laser or intense pulsed light treatment. I understand that burns, blistering, changes in pigmentation and scarring can occur, "
        + "especially on tanned skin, and that several sessions are usually needed. I will avoid sun exposure and tanning before and after treatment.", 12,
    [
        new("Your skin",
        [
            Field("fitzpatrick", FieldType.Choice, "Your skin type (Fitzpatrick scale)", options:
            [
                "I – always burns, never tans", "II – usually burns, tans minimally", "III – sometimes burns, tans gradually",
                "IV – rarely burns, tans well", "V – very rarely burns, tans very easily", "VI – never burns",
            ], help: "Your practitioner will confirm it before treatment."),
            Field("recentTan", FieldType.YesNo, "Sun exposure, tanning or self-tanner in the last 4 weeks?"),
            Field("isotretinoin", FieldType.YesNo, "Isotretinoin (Accutane) in the last 6 months?"),
        ]),
        new("Consent", [Signature]),
    ]);

    private static readonly FormContent PhotoRelease = Consent("Photo release", "Before-and-after photos: your choices.", FormKind.PhotoRelease, 24,
        "I allow the clinic to take photographs of the treated area for my medical record. Below I choose separately whether they may also be used "
        + "elsewhere; my face will not be shown unless I agree to it. I can withdraw this consent at any time for future use.",
        Field("marketing", FieldType.YesNo, "May we use your photos in our marketing (website, brochures)?"),
        Field("social", FieldType.YesNo, "May we post your photos on social media?"),
        Field("caseStudy", FieldType.YesNo, "May we use your photos in anonymised case studies and training?"));

    private static readonly FormContent AfterCare = Consent("After-care acknowledgment", "What to do, and not do, after your treatment.", FormKind.Consent, null,
        "I have received and understood the after-care instructions for my treatment: no strenuous exercise, alcohol or lying down for 4 hours after "
        + "neurotoxin; no makeup for 12 hours and ice for swelling after filler; daily sunscreen after laser. I will call the clinic with any concern.");
}
