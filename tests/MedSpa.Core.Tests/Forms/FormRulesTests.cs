using System.Text.Json;
using MedSpa.Core.Forms;

namespace MedSpa.Core.Tests.Forms;

/// <summary>The server's own reading of a form: conditions, required fields, answer types, validity, and the seal.</summary>
public sealed class FormRulesTests
{
    private static readonly FormContent History = new("Medical history", null, FormKind.Intake, null, 12,
    [
        new("You",
        [
            new("sex", FieldType.Choice, "Sex at birth", true, ["Female", "Male"], null, null),
            new("pregnant", FieldType.YesNo, "Pregnant?", true, [], null, new VisibleIf("sex", "Female")),
            new("fillers", FieldType.MultiChoice, "Fillers had", false, ["Juvederm", "Restylane"], null, null),
            new("when", FieldType.Date, "When?", true, [], null, new VisibleIf("fillers", "Restylane")),
            new("age", FieldType.Number, "Age", false, [], null, null),
        ]),
    ]);

    private static Dictionary<string, JsonElement> Answers(object answers) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(answers))!;

    [Fact]
    public void A_question_hidden_by_its_condition_is_not_required_and_its_answer_is_dropped()
    {
        var male = FormAnswers.Check(History, Answers(new { sex = "Male", pregnant = "yes" }));

        male.IsSuccess.ShouldBeTrue();
        male.Value.Keys.ShouldBe(["sex"]);
    }

    [Fact]
    public void A_question_shown_by_its_condition_is_required()
    {
        var female = FormAnswers.Check(History, Answers(new { sex = "Female" }));
        var restylane = FormAnswers.Check(History, Answers(new { sex = "Male", fillers = new[] { "Restylane" } }));

        female.Error.ShouldBeOfType<Error.Invalid>().FieldErrors.Keys.ShouldBe(["answers.pregnant"]);
        restylane.Error.ShouldBeOfType<Error.Invalid>().FieldErrors.Keys.ShouldBe(["answers.when"]);
        FormAnswers.Check(History, Answers(new { sex = "Male", fillers = new[] { "Juvederm" } })).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"sex":"Other"}""", "answers.sex")]
    [InlineData("""{"sex":"Female","pregnant":"perhaps"}""", "answers.pregnant")]
    [InlineData("""{"sex":"Male","fillers":["Juvederm","Juvederm"]}""", "answers.fillers")]
    [InlineData("""{"sex":"Male","fillers":["Sculptra"]}""", "answers.fillers")]
    [InlineData("""{"sex":"Male","fillers":["Restylane"],"when":"2026-02-30"}""", "answers.when")]
    [InlineData("""{"sex":"Male","age":"forty"}""", "answers.age")]
    [InlineData("""{"sex":"Male","extra":"x"}""", "answers.extra")]
    [InlineData("""{"sex":1}""", "answers.sex")]
    public void An_answer_of_the_wrong_kind_is_refused_by_its_question(string json, string field)
    {
        var result = FormAnswers.Check(History, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json));

        result.Error.ShouldBeOfType<Error.Invalid>().FieldErrors.Keys.ShouldContain(field);
    }

    [Fact]
    public void A_condition_must_point_at_an_earlier_question_and_a_value_it_can_have()
    {
        var validator = new FormContentValidator();
        var later = History with { Sections = [new("You", [History.Sections[0].Fields[1], History.Sections[0].Fields[0]])] };
        var impossible = History with { Sections = [new("You", [History.Sections[0].Fields[0], History.Sections[0].Fields[1] with { VisibleIf = new("sex", "female") }])] };

        validator.Validate(History).IsValid.ShouldBeTrue();
        validator.Validate(later).Errors.Select(e => e.PropertyName).ShouldContain("Sections[0].Fields[0].VisibleIf");
        validator.Validate(impossible).Errors.Single().ErrorMessage.ShouldBe("Pick one of: Female, Male.");
    }

    [Fact]
    public void A_consent_needs_its_text_and_a_signature_that_is_always_asked_for()
    {
        var validator = new FormContentValidator();
        var consent = History with { Kind = FormKind.Consent, LegalText = "I agree." };
        var signed = consent with { Sections = [.. consent.Sections, new("Sign", [new("signature", FieldType.Signature, "Sign", true, [], null, null)])] };
        var signedOnlySometimes = consent with { Sections = [.. consent.Sections, new("Sign", [new("signature", FieldType.Signature, "Sign", true, [], null, new VisibleIf("sex", "Male"))])] };

        validator.Validate(consent).Errors.Select(e => e.PropertyName).ShouldBe(["Sections"]);
        validator.Validate(signed with { LegalText = null }).Errors.Select(e => e.PropertyName).ShouldBe(["LegalText"]);
        validator.Validate(signed).IsValid.ShouldBeTrue();
        validator.Validate(signedOnlySometimes).IsValid.ShouldBeFalse();
    }

    private static readonly DateTimeOffset Signed = new(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);

    private static FormSubmission Submission(string formId, DateTimeOffset at, int? months, string? supersededBy = null)
    {
        var answers = Answers(new { sex = "Male" });
        return new FormSubmission($"s-{formId}-{at:yyyyMMdd}", "t", "p", formId, "Form", FormKind.Consent, 1, null, answers, "Pat", at,
            new SubmittedBy("Pat", "patient"), null, null, "I agree.", FormSubmission.HashOf(formId, 1, "I agree.", "Pat", at, answers), months is { } m ? at.AddMonths(m) : null, supersededBy);
    }

    [Fact]
    public void A_consent_counts_until_it_expires_and_not_once_superseded()
    {
        var consent = new IntakeForm("consent", "t", History with { Kind = FormKind.Consent, Name = "Filler consent" }, 1, false, Signed);
        var service = new Service { Name = "Lip filler", RequiredConsentIds = ["consent", "unpublished", "unknown"] };
        var published = new Dictionary<string, IntakeForm> { ["consent"] = consent }; // "unpublished" cannot be filled: never asked for

        var onFile = new FormsOnFile(published, [Submission("consent", Signed, 12)]);

        onFile.MissingFor(service, Signed.AddMonths(11)).ShouldBeEmpty();
        onFile.MissingFor(service, Signed.AddMonths(12)).Select(m => m.Name).ShouldBe(["Filler consent"]);
        onFile.HasExpired("consent", Signed.AddMonths(13)).ShouldBeTrue();
        new FormsOnFile(published, [Submission("consent", Signed, null, supersededBy: "newer")]).MissingFor(service, Signed).Count.ShouldBe(1);
        new FormsOnFile(published, [Submission("consent", Signed, null)]).MissingFor(service, Signed.AddYears(30)).ShouldBeEmpty();
        new FormsOnFile(published, []).MissingFor(service, Signed).Single().IsConsent.ShouldBeTrue();
    }

    [Fact]
    public void The_seal_shows_any_change_to_a_stored_submission()
    {
        var submission = Submission("consent", Signed, 12);

        submission.IsIntact().ShouldBeTrue();
        (submission with { SignerName = "Someone else" }).IsIntact().ShouldBeFalse();
        (submission with { Answers = Answers(new { sex = "Female" }) }).IsIntact().ShouldBeFalse();
        (submission with { LegalText = "I agree to anything." }).IsIntact().ShouldBeFalse();
        (submission with { SupersededBy = "newer" }).IsIntact().ShouldBeTrue(); // the one thing set later
        (submission with { PatientId = "survivor" }).IsIntact().ShouldBeTrue(); // a merge files it on the survivor
    }
}
