using System.Text;
using Azure.Core.Pipeline;
using MedSpa.Core.Messaging;
using MedSpa.Fakes.Acs;
using MedSpa.Infrastructure.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace MedSpa.Functions.Tests.Messaging;

/// <summary>
/// Our ACS adapter (Azure.Core's pipeline, HMAC-signed) against the local ACS fake, which checks what ACS checks: the
/// signature (a wrong key is refused), required fields, repeatability; email as an operation polled to its end; 429 retried.
/// </summary>
public sealed class AcsAdapterTests : IAsyncLifetime
{
    private readonly AcsFake _fake = new(new AcsFakeOptions(), TimeProvider.System);
    private WebApplication? _server;

    public async Task InitializeAsync()
    {
        _server = AcsFakeEndpoints.Build(_fake, b => b.WebHost.UseTestServer());
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    private AcsMessageSender Sender(string? accessKey = null) => new(
        new AcsOptions { ConnectionString = $"endpoint=http://localhost/;accesskey={accessKey ?? _fake.Options.AccessKey}", SmsFrom = _fake.Options.SmsFrom, EmailFrom = _fake.Options.EmailFrom },
        TimeProvider.System,
        new AcsClientOptions { Transport = new HttpClientTransport(new HttpClient(_server!.GetTestServer().CreateHandler())), Retry = { Delay = TimeSpan.FromMilliseconds(10) } });

    private static SmsMessage Text(string to = "+15555550123", Guid? id = null) =>
        new(to, "Reminder: your appointment is tomorrow at 14:30.", id ?? Guid.NewGuid(), DateTimeOffset.UtcNow, "demo/notice-1");

    [Fact]
    public void The_signature_matches_the_documented_test_vectors()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        const string Date = "Tue, 01 Sep 2026 10:00:00 GMT";
        var body = Encoding.UTF8.GetBytes("""{"from":"+18005550100","smsRecipients":[{"to":"+15555550123"}],"message":"Hi"}""");
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body));

        hash.ShouldBe("OPqZkcR09/HxgwKs+AZbZVSXl0CPEeyRtVlsBAgENy8=");
        AcsHmacPolicy.Signature(key, "POST", "/sms?api-version=2026-01-23", Date, "contoso.communication.azure.com", hash).ShouldBe("ZLH5ZD5qA0r8srBRRUnhoOd51/zi1uP+vy11iAVgwco=");
        AcsHmacPolicy.Signature(key, "GET", "/emails/operations/abc?api-version=2025-09-01", Date, "localhost:5123", AcsHmacPolicy.EmptyBodyHash).ShouldBe("lp8afD/NTj2Om8UD0K2M722s5dq6Pmaudczvf7/qmN8=");
    }

    [Fact]
    public void A_connection_string_is_read_as_acs_reads_it()
    {
        var parsed = AcsConnection.Parse(" Endpoint = https://contoso.communication.azure.com/ ; AccessKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= ");
        parsed.AccessKey!.Length.ShouldBe(32, "the key's '=' padding survives");
        parsed.Url("/sms?api-version=2026-01-23").ToString().ShouldBe("https://contoso.communication.azure.com/sms?api-version=2026-01-23");
        Should.Throw<FormatException>(() => AcsConnection.Parse("accesskey=AAAA"));
        Should.Throw<FormatException>(() => AcsConnection.Parse("endpoint=https://a.b/;endpoint=https://c.d/"));
    }

    [Fact]
    public async Task An_sms_is_sent_signed_and_a_repeat_with_the_same_repeatability_id_is_not_sent_again()
    {
        var message = Text();
        var first = await Sender().SendSmsAsync(message);
        var again = await Sender().SendSmsAsync(message);

        var accepted = first.ShouldBeOfType<SendOutcome.Accepted>();
        again.ShouldBe(first, "the provider answers the first send again");
        var sent = _fake.Sms.ShouldHaveSingleItem();
        (sent.To, sent.From, sent.Text, sent.Tag, sent.MessageId).ShouldBe(("+15555550123", "+18005550100", message.Text, "demo/notice-1", accepted.ProviderMessageId));
    }

    [Fact]
    public async Task A_request_signed_with_another_key_is_refused_and_nothing_is_sent()
    {
        var outcome = await Sender(Convert.ToBase64String(new byte[32])).SendSmsAsync(Text());

        outcome.ShouldBeOfType<SendOutcome.TryLater>().Reason.ShouldStartWith("ACS answered 401");
        _fake.RefusedSignatures.ShouldBeGreaterThan(0);
        _fake.Sms.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bad_number_is_refused_for_good()
    {
        (await Sender().SendSmsAsync(Text("555-0123"))).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldContain("phone number");
        _fake.Sms.ShouldBeEmpty();
    }

    [Fact]
    public async Task Throttling_is_retried_with_the_same_keys_and_sends_once()
    {
        _fake.ThrottleNext(2);
        (await Sender().SendSmsAsync(Text())).ShouldBeOfType<SendOutcome.Accepted>();
        _fake.Sms.Count.ShouldBe(1);

        _fake.ThrottleNext(10); // beyond the pipeline's retries: try later, after what Retry-After said
        var later = (await Sender().SendSmsAsync(Text())).ShouldBeOfType<SendOutcome.TryLater>();
        later.After.ShouldBe(TimeSpan.FromSeconds(1));
        _fake.ThrottleNext(0);
        _fake.Sms.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_email_is_an_operation_polled_to_its_end_and_one_already_made_is_followed_not_sent_again()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 test");
        var email = new EmailMessage("ada@example.com", "Ada Lovelace", "Your receipt", "Thank you.", Guid.NewGuid(), [new EmailAttachment("INV-1.pdf", "application/pdf", pdf)], MayHaveBeenSent: false);

        var sent = (await Sender().SendEmailAsync(email)).ShouldBeOfType<SendOutcome.Accepted>();
        sent.ProviderMessageId.ShouldBe(email.OperationId.ToString("D"));
        var recorded = _fake.Emails.ShouldHaveSingleItem();
        (recorded.To, recorded.ToName, recorded.Subject, recorded.Attachments.Single()).ShouldBe(("ada@example.com", "Ada Lovelace", "Your receipt", "INV-1.pdf"));

        // A crash after ACS took it, before we recorded it: the retry looks the operation up and does not send again.
        (await Sender().SendEmailAsync(email with { MayHaveBeenSent = true })).ShouldBe(sent);
        _fake.Emails.Count.ShouldBe(1);

        var dropped = email with { To = "nobody@bounce.example", OperationId = Guid.NewGuid() };
        (await Sender().SendEmailAsync(dropped)).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldContain("dropped");
    }

    [Fact]
    public async Task The_fake_refuses_what_acs_refuses()
    {
        var client = _server!.GetTestClient();
        var unsigned = await client.PostAsync("/sms?api-version=2026-01-23", new StringContent("{}", Encoding.UTF8, "application/json"));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await Sender().SendEmailAsync(new EmailMessage("ada@example.com", null, " ", "x", Guid.NewGuid(), [], false))).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldContain("subject");
        var wrongSender = new AcsMessageSender(
            new AcsOptions { ConnectionString = _fake.Options.ConnectionString("http://localhost"), SmsFrom = "+18005550199", EmailFrom = _fake.Options.EmailFrom },
            TimeProvider.System, new AcsClientOptions { Transport = new HttpClientTransport(new HttpClient(_server!.GetTestServer().CreateHandler())) });
        (await wrongSender.SendSmsAsync(Text())).ShouldBeOfType<SendOutcome.Refused>().Reason.ShouldContain("from");
        _fake.Sms.ShouldBeEmpty();
        _fake.Emails.ShouldBeEmpty();
    }
}
