using MedSpa.Infrastructure.Identity;

namespace MedSpa.Infrastructure.Tests.Identity;

public sealed class LocalAccessTokenValidatorTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"medspa-jwks-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_keyFile);

    private IdentityOptions Options(string? issuer = null, string audience = "api://medspa") =>
        new() { Mode = "local", Authority = "http://127.0.0.1:7072", Issuer = issuer, Audience = audience, JwksFile = _keyFile };

    [Fact]
    public async Task A_token_from_our_provider_names_the_user()
    {
        var options = Options();
        var token = new DevTokenIssuer(options, TimeProvider.System).Issue("Admin@Demo.MedSpa.Test", "Avery Admin");

        var (user, failure) = await new LocalAccessTokenValidator(options).ValidateAsync(token, CancellationToken.None);

        failure.ShouldBeNull();
        user!.Email.ShouldBe("admin@demo.medspa.test");
        user.Name.ShouldBe("Avery Admin");
    }

    [Fact]
    public async Task A_token_for_another_api_is_refused()
    {
        var token = new DevTokenIssuer(Options(audience: "api://someone-else"), TimeProvider.System).Issue("a@b.test", "A");

        var (user, failure) = await new LocalAccessTokenValidator(Options()).ValidateAsync(token, CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldBe("The access token is not for this API.");
    }

    [Fact]
    public async Task An_issuer_written_with_a_trailing_slash_as_b2c_does_still_matches()
    {
        var token = new DevTokenIssuer(Options(issuer: "https://medspa.b2clogin.com/tenant-id/v2.0/"), TimeProvider.System).Issue("a@b.test", "A");

        var (user, _) = await new LocalAccessTokenValidator(Options(issuer: "https://medspa.b2clogin.com/tenant-id/v2.0")).ValidateAsync(token, CancellationToken.None);

        user.ShouldNotBeNull();
    }

    [Fact]
    public async Task Garbage_is_refused_without_an_exception()
    {
        var (user, failure) = await new LocalAccessTokenValidator(Options()).ValidateAsync("not.a.jwt", CancellationToken.None);

        user.ShouldBeNull();
        failure.ShouldNotBeNull();
    }
}
