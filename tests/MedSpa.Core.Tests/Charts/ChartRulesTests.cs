using MedSpa.Core.Charts;
using MedSpa.Core.Tests.Support;

namespace MedSpa.Core.Tests.Charts;

/// <summary>A chart's own rules: only a draft changes; signing or locking closes it; amendments append; totals add up.</summary>
public sealed class ChartRulesTests
{
    private static readonly DateTimeOffset Visit = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private static Chart Draft(FaceMap? map = null) => new(
        "chart-1", "demo", "patient-1", "appt-1", "staff-injector", "Isabel Injector", "Xeomin", Visit, "template-neurotoxin", "Neurotoxin",
        ChartTreatment.Neurotoxin, ChartDiagram.Face, new Dictionary<string, string>(), map ?? FaceMap.Empty, null, null, ChartStatus.Draft, null, null, null, [], null, Visit, Visit);

    private static ChartSignature By(string staffId, int minutesAfter) => new(staffId, "Isabel Injector", "RN", Visit.AddMinutes(minutesAfter));

    private static InjectionPoint Point(string product, decimal? units, string area, string lot = "L1", decimal? ml = null) =>
        new($"p-{Guid.NewGuid():N}", "front", 0.5, 0.3, product, units, ml, Lot: lot, Area: area);

    [Fact]
    public void A_draft_changes_until_it_is_signed_and_never_after()
    {
        var edited = Draft().Edit(new ChartContent(new Dictionary<string, string> { ["concerns"] = "Forehead lines" }, null, "Shy about needles", "No exercise today"), Visit.AddMinutes(10));
        var signed = edited.Ok().Sign(By("staff-injector", 20));
        var afterSigning = signed.Ok().Edit(new ChartContent(null, null, "changed", null), Visit.AddMinutes(30));

        edited.Ok().Fields["concerns"].ShouldBe("Forehead lines");
        signed.Ok().Status.ShouldBe(ChartStatus.Signed);
        signed.Ok().LockedAt.ShouldBe(Visit.AddMinutes(20));
        afterSigning.Error.ShouldBeOfType<Error.Conflict>();
        signed.Ok().InternalNotes.ShouldBe("Shy about needles");
    }

    [Fact]
    public void Only_the_practitioner_who_charted_signs_and_only_once()
    {
        Draft().Sign(By("staff-someone-else", 5)).Error.ShouldBeOfType<Error.Forbidden>();
        Draft().Sign(By("staff-injector", 5)).Ok().Sign(By("staff-injector", 6)).Error.ShouldBeOfType<Error.Conflict>();
    }

    [Fact]
    public void A_chart_locked_unsigned_stays_closed_but_may_still_be_signed_late()
    {
        var locked = Draft().Lock("Automatic: 24 hours after the visit", Visit.AddHours(25)).Ok();
        var late = locked.Sign(By("staff-injector", 60 * 30)).Ok();

        locked.Status.ShouldBe(ChartStatus.Locked);
        locked.Edit(new ChartContent(null, null, "x", null), Visit.AddHours(26)).Error.ShouldBeOfType<Error.Conflict>();
        locked.Lock("again", Visit.AddHours(27)).Error.ShouldBeOfType<Error.Conflict>();
        late.Status.ShouldBe(ChartStatus.Signed);
        late.LockedAt.ShouldBe(Visit.AddHours(25));
        late.Signature!.At.ShouldBe(Visit.AddMinutes(60 * 30));
    }

    [Fact]
    public void Amendments_are_for_closed_charts_and_only_ever_append()
    {
        var draft = Draft();
        var signed = draft.Sign(By("staff-injector", 5)).Ok();
        var first = signed.Amend(new ChartAmendment("a1", "Lot was L2, not L1.", By("staff-injector", 90))).Ok();
        var second = first.Amend(new ChartAmendment("a2", "Patient called: no bruising.", By("staff-injector", 60 * 24))).Ok();

        draft.Amend(new ChartAmendment("a0", "too early", By("staff-injector", 1))).Error.ShouldBeOfType<Error.Conflict>();
        second.Amendments.Select(a => a.Id).ShouldBe(["a1", "a2"]);
        second.Fields.ShouldBe(signed.Fields);
        second.Map.ShouldBe(signed.Map);
    }

    [Fact]
    public void Only_a_closed_chart_is_shared()
    {
        Draft().Share(afterCareOnly: false, Visit).Error.ShouldBeOfType<Error.Conflict>();
        Draft().Sign(By("staff-injector", 5)).Ok().Share(afterCareOnly: false, Visit.AddMinutes(6)).Ok().SharedAt.ShouldBe(Visit.AddMinutes(6));
    }

    [Fact]
    public void An_after_care_share_can_widen_to_the_whole_chart_but_a_whole_share_never_narrows()
    {
        var signed = Draft(new FaceMap([Point("Xeomin", 4, "Glabella")], [])).Sign(By("staff-injector", 5)).Ok();

        var afterCare = signed.Share(afterCareOnly: true, Visit.AddMinutes(6)).Ok();
        var widened = afterCare.Share(afterCareOnly: false, Visit.AddMinutes(9)).Ok();
        var narrowed = widened.Share(afterCareOnly: true, Visit.AddMinutes(12)).Ok();

        afterCare.SharesAfterCareOnly.ShouldBeTrue();
        PatientChartView.Of(afterCare).Products.ShouldBeEmpty();
        PatientChartView.Of(afterCare).Areas.ShouldBeEmpty();
        widened.SharesAfterCareOnly.ShouldBeFalse();
        widened.SharedAt.ShouldBe(Visit.AddMinutes(6)); // first shared then
        PatientChartView.Of(widened).Products.Single().Product.ShouldBe("Xeomin");
        narrowed.ShouldBeSameAs(widened); // what the patient has seen stays seen
    }

    [Fact]
    public void Totals_add_up_per_product_and_lot_and_per_area()
    {
        var map = new FaceMap(
        [
            Point("Xeomin", 4, "Glabella"), Point("Xeomin", 4, "Glabella"), Point("Xeomin", 2.5m, "Forehead"), Point("Xeomin", 2, "Forehead", lot: "L2"),
            Point("Juvederm Volbella", null, "Lips", ml: 0.5m),
        ], []);

        map.ByProduct().Select(t => (t.Product, t.Lot, t.Units, t.Millilitres)).ShouldBe(
            [("Juvederm Volbella", "L1", 0m, 0.5m), ("Xeomin", "L1", 10.5m, 0m), ("Xeomin", "L2", 2m, 0m)]);
        map.ByArea().Select(t => (t.Area, t.Units, t.Millilitres)).ShouldBe([("Forehead", 4.5m, 0m), ("Glabella", 8m, 0m), ("Lips", 0m, 0.5m)]);
    }

    [Fact]
    public void Last_visits_map_is_copied_without_its_lots_and_with_new_ids()
    {
        var last = new FaceMap([Point("Xeomin", 4, "Glabella"), Point("Xeomin", 2, "Forehead")], []);

        var copy = last.CopiedForNextVisit();

        copy.Points.Select(p => (p.Product, p.Units, p.Area, p.X, p.Y)).ShouldBe(last.Points.Select(p => (p.Product, p.Units, p.Area, p.X, p.Y)));
        copy.Points.ShouldAllBe(p => p.Lot == null);
        copy.Points.Select(p => p.Id).Intersect(last.Points.Select(p => p.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no lot on a neurotoxin point", "points[0].lot")]
    [InlineData("off the drawing", "points[0].x")]
    [InlineData("neither units nor millilitres", "points[0].units")]
    [InlineData("an unknown view", "points[0].view")]
    [InlineData("too many units", "points[0].units")]
    public void A_point_that_cannot_be_right_is_refused_with_the_field_to_fix(string what, string field)
    {
        var point = what switch
        {
            "no lot on a neurotoxin point" => Point("Xeomin", 4, "Glabella", lot: ""),
            "off the drawing" => Point("Xeomin", 4, "Glabella") with { X = 1.2 },
            "neither units nor millilitres" => Point("Xeomin", null, "Glabella"),
            "an unknown view" => Point("Xeomin", 4, "Glabella") with { View = "top" },
            _ => Point("Xeomin", 400, "Glabella"),
        };

        var result = new FaceMapValidator(lotRequired: true).Validate(new FaceMap([point], []));

        FieldErrors.From(result).FieldErrors.Keys.ShouldContain(field);
    }
}
