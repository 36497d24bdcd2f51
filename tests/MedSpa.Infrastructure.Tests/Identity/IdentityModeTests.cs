using MedSpa.Infrastructure.Identity;

namespace MedSpa.Infrastructure.Tests.Identity;

/// <summary>Local sign-in is only ever a one-machine default: a deployment without identity settings does not start.</summary>
public sealed class IdentityModeTests
{
    [Fact]
    public void On_one_machine_an_unset_mode_means_the_local_provider()
    {
        new IdentityOptions().ResolveFor(localHost: true).IsLocal.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("local")]
    public void In_Azure_a_missing_or_local_mode_refuses_to_start(string mode)
    {
        var failure = Should.Throw<InvalidOperationException>(() => new IdentityOptions { Mode = mode }.ResolveFor(localHost: false));

        failure.Message.ShouldContain("Identity__Mode");
    }

    [Theory]
    [InlineData("entra")]
    [InlineData("b2c")]
    public void In_Azure_entra_or_b2c_is_kept(string mode)
    {
        new IdentityOptions { Mode = mode }.ResolveFor(localHost: false).Mode.ShouldBe(mode);
    }
}
