namespace MedSpa.Core.Charts;

/// <summary>
/// The templates every clinic starts with, one per kind of treatment the platform knows. They are code, not documents:
/// every clinic has them from its first day, and a clinic that wants another makes its own.
/// </summary>
public static class BuiltInChartTemplates
{
    private static readonly ChartField Allergies = new("allergies", "Allergies", ChartFieldType.Text, Smart: SmartField.Allergies);
    private static readonly ChartField LastTreatment = new("lastTreatment", "Last treatment", ChartFieldType.Text, Smart: SmartField.LastTreatment);
    private static readonly ChartField Consent = new("consent", "Consent on file", ChartFieldType.Text, Smart: SmartField.ConsentStatus);
    private static readonly ChartField AfterCare = new("afterCare", "After-care given", ChartFieldType.LongText,
        QuickPhrases: ["No exercise, heat or alcohol for 24 hours.", "Do not massage the treated area for 2 weeks.", "Call us if you notice blanching, severe pain or vision changes."]);

    public static IReadOnlyList<ChartTemplate> All { get; } =
    [
        Template("soap", "SOAP note", ChartTreatment.Soap, ChartDiagram.None,
            new("subjective", "Subjective", ChartFieldType.LongText), new("objective", "Objective", ChartFieldType.LongText),
            new("assessment", "Assessment", ChartFieldType.LongText), new("plan", "Plan", ChartFieldType.LongText), Allergies),
        Template("neurotoxin", "Neurotoxin", ChartTreatment.Neurotoxin, ChartDiagram.Face,
            Allergies, LastTreatment, Consent,
            new("concerns", "Concerns", ChartFieldType.LongText, QuickPhrases: ["Forehead lines", "Glabellar lines", "Crow's feet"]),
            new("dilution", "Dilution", ChartFieldType.Choice, ["2.5 ml per 100 units", "2 ml per 100 units", "1 ml per 100 units"], "2.5 ml per 100 units"),
            AfterCare),
        Template("filler", "Dermal filler", ChartTreatment.Filler, ChartDiagram.Face,
            Allergies, LastTreatment, Consent,
            new("anaesthetic", "Anaesthetic", ChartFieldType.Choice, ["None", "Topical", "Dental block", "In the product (lidocaine)"], "Topical"),
            new("assessment", "Assessment", ChartFieldType.LongText), AfterCare),
        Template("laser", "Laser", ChartTreatment.Laser, ChartDiagram.Face,
            Allergies, Consent, new("fitzpatrick", "Fitzpatrick skin type", ChartFieldType.Choice, ["I", "II", "III", "IV", "V", "VI"]),
            new("device", "Device and handpiece", ChartFieldType.Text), new("settings", "Settings (fluence, pulse, spot)", ChartFieldType.Text),
            new("passes", "Passes", ChartFieldType.Number), AfterCare),
        Template("peel", "Chemical peel", ChartTreatment.Peel, ChartDiagram.Face,
            Allergies, Consent, new("peel", "Peel and strength", ChartFieldType.Text), new("layers", "Layers", ChartFieldType.Number),
            new("minutes", "Minutes on the skin", ChartFieldType.Number), new("frosting", "Frosting", ChartFieldType.Choice, ["None", "Level 1", "Level 2", "Level 3"]), AfterCare),
        Template("microneedling", "Microneedling", ChartTreatment.Microneedling, ChartDiagram.Face,
            Allergies, Consent, new("depth", "Needle depth (mm)", ChartFieldType.Number), new("serum", "Serum", ChartFieldType.Text), AfterCare),
        Template("iv-therapy", "IV therapy", ChartTreatment.IvTherapy, ChartDiagram.Body,
            Allergies, Consent, new("infusion", "Infusion and volume", ChartFieldType.Text), new("site", "Site and catheter gauge", ChartFieldType.Text),
            new("vitals", "Vital signs before and after", ChartFieldType.LongText), AfterCare),
    ];

    public static ChartTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    private static ChartTemplate Template(string key, string name, ChartTreatment treatment, ChartDiagram diagram, params ChartField[] fields) =>
        new($"template-{key}", "", name, treatment, diagram, fields, BuiltIn: true, DateTimeOffset.UnixEpoch);
}
