namespace MedSpa.Core.Tests.Booking;

public sealed class ResourceLedgerTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    private static Claim ClaimOf(string booking, int fromMinutes, int toMinutes, DateTimeOffset? expires = null) =>
        new(booking, Nine.AddMinutes(fromMinutes), Nine.AddMinutes(toMinutes), expires);

    [Fact]
    public void Overlapping_claims_of_different_lengths_conflict()
    {
        var ledger = new ResourceLedger().With(ClaimOf("a", 0, 90), Nine);

        ledger.ConflictWith(ClaimOf("b", 60, 75), Nine)!.BookingId.ShouldBe("a");
        ledger.ConflictWith(ClaimOf("c", -30, 1), Nine)!.BookingId.ShouldBe("a");
    }

    [Fact]
    public void Back_to_back_claims_do_not_conflict() =>
        new ResourceLedger().With(ClaimOf("a", 0, 60), Nine).ConflictWith(ClaimOf("b", 60, 120), Nine).ShouldBeNull();

    [Fact]
    public void An_expired_hold_frees_its_time_by_itself()
    {
        var ledger = new ResourceLedger().With(ClaimOf("held", 0, 60, expires: Nine.AddMinutes(-70)), Nine.AddMinutes(-80));

        ledger.ConflictWith(ClaimOf("new", 0, 60), Nine).ShouldBeNull();
        ledger.With(ClaimOf("new", 0, 60), Nine).Claims.Select(c => c.BookingId).ShouldBe(["new"]);
    }

    [Fact]
    public void A_booking_never_conflicts_with_its_own_claim_so_claiming_is_idempotent()
    {
        var ledger = new ResourceLedger().With(ClaimOf("a", 0, 60, Nine.AddMinutes(10)), Nine);

        ledger.ConflictWith(ClaimOf("a", 0, 60), Nine).ShouldBeNull();
        ledger.With(ClaimOf("a", 0, 60), Nine).Claims.Count.ShouldBe(1);
    }

    [Fact]
    public void Releasing_removes_only_that_bookings_claim() =>
        new ResourceLedger().With(ClaimOf("a", 0, 60), Nine).With(ClaimOf("b", 60, 90), Nine).Without("a").Claims.Select(c => c.BookingId).ShouldBe(["b"]);

    [Fact]
    public void A_deliberate_double_booking_sits_on_top_and_still_blocks_everyone_else()
    {
        var ledger = new ResourceLedger().With(ClaimOf("a", 0, 60), Nine);

        ledger.ConflictWith(ClaimOf("staff-over", 0, 60) with { Overlay = true }, Nine).ShouldBeNull();
        var both = ledger.With(ClaimOf("staff-over", 0, 60) with { Overlay = true }, Nine);
        both.ConflictWith(ClaimOf("online", 30, 45), Nine).ShouldNotBeNull();
    }
}
