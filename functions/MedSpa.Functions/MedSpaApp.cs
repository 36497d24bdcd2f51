using System.Text.Json;
using FluentValidation;
using MedSpa.Core.Audit;
using MedSpa.Core.Patients;
using MedSpa.Core.Files;
using MedSpa.Functions.Events;
using MedSpa.Functions.Middleware;
using MedSpa.Functions.Platform;
using MedSpa.Infrastructure.Documents;
using MedSpa.Infrastructure.Files;
using MedSpa.Infrastructure.Identity;
using MedSpa.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MedSpa.Core.Deposits;
using MedSpa.Core.Series;
using MedSpa.Core.Visits;
using MedSpa.Core.Waitlist;

namespace MedSpa.Functions;

/// <summary>
/// The app's composition, shared by the Azure Functions worker and MedSpa.LocalHost: adapters chosen by
/// configuration (embedded defaults on one machine), use cases, and the HTTP middleware in order.
/// </summary>
public static class MedSpaApp
{
    /// <summary>True when MedSpa.LocalHost runs the app (the default build); false in the Azure build.</summary>
#if AZURE_FUNCTIONS
    public const bool RunsOnLocalHost = false;
#else
    public const bool RunsOnLocalHost = true;
#endif

    public static void Configure(IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        var dataDir = Path.GetFullPath(configuration["DataDir"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data"));

        var identity = (configuration.GetSection("Identity").Get<IdentityOptions>() ?? new IdentityOptions()).ResolveFor(localHost: RunsOnLocalHost);
        if (identity.IsLocal && string.IsNullOrEmpty(identity.JwksFile))
        {
            identity.JwksFile = Path.Combine(dataDir, "oidc-jwks.json");
        }

        services.AddMedSpaIdentity(identity);

        // The rolesSource function's shared secret: an app setting in Azure; on one machine a fresh one per run,
        // handed to LocalHost's Static Web Apps emulation below.
        var rolesSource = configuration.GetSection("RolesSource").Get<RolesSourceOptions>() ?? new RolesSourceOptions();
        if (identity.IsLocal && string.IsNullOrEmpty(rolesSource.Secret))
        {
            rolesSource.Secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        services.AddSingleton(rolesSource);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDocumentStore>(_ => CreateStore(configuration, dataDir));
        // On one machine photos go to Azurite, which the app starts beside itself, unless told otherwise (Files:Kind,
        // or LocalAzurite:Enabled=false for the folder store).
        var localAzurite = ConfigureLocalAzurite(services, configuration, identity, dataDir);
        services.TryAddSingleton<IFileStore>(_ => CreateFileStore(configuration, dataDir, localAzurite));
        services.TryAddSingleton<MedSpa.Core.Photos.IPhotoProcessor, MedSpa.Infrastructure.Photos.SkiaPhotoProcessor>();

        // The stores and use cases: singletons holding no request's state (what a store keeps in memory is per clinic and
        // versioned). Features add theirs here.
        Type[] singletons =
        [
            typeof(UserStore), typeof(ClinicStore), typeof(AuditStore), typeof(DemoClinic), typeof(DemoForms),
            typeof(ClinicSetupStore), typeof(PatientStore), typeof(PatientAccess), typeof(FindPatients),
            typeof(UpdatePatientProfile), typeof(ArchivePatient), typeof(ReadPatientAppointments), typeof(PatientAccessLog),
            typeof(ExportPatientRecord), typeof(PatientCommunications), typeof(ReadFamily), typeof(LinkFamily),
            typeof(ErasePatient), typeof(MergePatients), typeof(NoteLastVisit), typeof(PatientPhoto), typeof(RecordPrivacyStore), typeof(GiveOnlineAccess), typeof(MedSpa.Core.Reporting.ClinicDaySummaryStore), typeof(BookingPolicyStore), typeof(ResourceLedgerStore),
            typeof(AppointmentStore), typeof(AppointmentAccess), typeof(DomainEventQueue), typeof(Events.DomainEventPublisher),
            typeof(BookAppointment), typeof(FindAvailability), typeof(OnlineCatalog), typeof(CancelAppointment),
            typeof(RescheduleAppointment), typeof(ChangeAppointmentStatus), typeof(CheckInByCode), typeof(ReadStaffCalendar), typeof(SettleDeposit),
            typeof(MedSpa.Core.Deposits.PayDeposit), typeof(BookVisit), typeof(BookSeriesSession), typeof(PlanTreatmentSeries),
            typeof(WaitlistStore), typeof(JoinWaitlist), typeof(WaitlistDesk), typeof(MedSpa.Core.Waitlist.AcceptWaitlistOffer),
            typeof(WaitlistOffering), typeof(MedSpa.Core.Notifications.PatientNoticeStore),
            typeof(MedSpa.Core.Forms.FormStore), typeof(MedSpa.Core.Forms.FormRequirements), typeof(MedSpa.Core.Forms.SaveForm), typeof(MedSpa.Core.Forms.PublishForm),
            typeof(MedSpa.Core.Forms.SubmitForm), typeof(MedSpa.Core.Forms.SendForm), typeof(MedSpa.Core.Forms.ReadPatientForms),
            typeof(MedSpa.Core.Forms.ReadFormSubmissions), typeof(MedSpa.Core.Forms.RefreshMissingForms),
            typeof(MedSpa.Core.Charts.ChartStore), typeof(MedSpa.Core.Charts.ChartAccess), typeof(MedSpa.Core.Charts.ReadCharts), typeof(MedSpa.Core.Charts.StartChart),
            typeof(MedSpa.Core.Charts.WriteChart), typeof(MedSpa.Core.Charts.AddChartTemplate), typeof(MedSpa.Core.Charts.EditChartTemplate), typeof(MedSpa.Core.Charts.LockOverdueCharts),
            typeof(MedSpa.Core.Charts.ChartingSettingsStore), typeof(MedSpa.Core.Charts.ChartsToSign), typeof(MedSpa.Core.Charts.FindPatientsByLot), typeof(MedSpa.Core.Notifications.StaffNoticeStore),
            typeof(MedSpa.Core.Photos.PhotoStore), typeof(MedSpa.Core.Photos.PhotoConsentOnFile), typeof(MedSpa.Core.Photos.AddChartPhoto), typeof(MedSpa.Core.Photos.ReadPhotos), typeof(MedSpa.Core.Photos.RemoveChartPhoto),
            typeof(DepositIntentStore), typeof(RequestDeposit), typeof(AskForDeposit), typeof(CloseDeposit), typeof(ApplyDepositPayment),
            typeof(MedSpa.Core.Payments.PaymentCustomers), typeof(MedSpa.Core.Payments.RecordPaymentEvent),
            typeof(MedSpa.Core.Billing.InvoiceStore), typeof(MedSpa.Core.Billing.InvoiceAccess), typeof(MedSpa.Core.Billing.OpenInvoice),
            typeof(MedSpa.Core.Billing.EditInvoice), typeof(MedSpa.Core.Billing.IssueInvoice), typeof(MedSpa.Core.Billing.TakePayment),
            typeof(MedSpa.Core.Billing.RefundPayment), typeof(MedSpa.Core.Billing.ApplyInvoicePayment), typeof(MedSpa.Core.Billing.PrintInvoice), typeof(MedSpa.Core.Billing.SendInvoice), typeof(MedSpa.Core.Billing.VoidInvoice), typeof(MedSpa.Core.Credit.PatientCreditStore), typeof(MedSpa.Core.Credit.ReadPatientCredit), typeof(MedSpa.Core.Credit.GrantCredit), typeof(MedSpa.Core.Billing.ReadPatientInvoices), typeof(MedSpa.Core.Billing.BillingSettingsStore),
            typeof(MedSpa.Core.GiftCards.GiftCardStore), typeof(MedSpa.Core.GiftCards.IssueGiftCard), typeof(MedSpa.Core.GiftCards.CheckGiftCardBalance),
            typeof(MedSpa.Core.GiftCards.RedeemGiftCard), typeof(MedSpa.Core.GiftCards.ReloadGiftCard), typeof(MedSpa.Core.GiftCards.TransferGiftCard),
            typeof(MedSpa.Core.GiftCards.GiftCardLiabilityReport), typeof(MedSpa.Core.Payments.CardsOnFile),
            typeof(MedSpa.Core.GiftCards.GiftCardPurchaseStore), typeof(MedSpa.Core.GiftCards.BuyGiftCardOnline), typeof(MedSpa.Core.GiftCards.CompleteGiftCardPurchase),
            typeof(MedSpa.Core.GiftCards.DeliverGiftCard), typeof(MedSpa.Core.Notifications.EmailOutbox), typeof(MedSpa.Core.GiftCards.ReadGiftCardPurchase),
            typeof(MedSpa.Core.Reporting.FinancialReport), typeof(MedSpa.Core.Billing.RecordRefundsMadeInStripe), typeof(MedSpa.Core.Payments.NoteDisputedPayment), typeof(MedSpa.Core.Billing.ChargeMissedVisitFee),
            typeof(MedSpa.Core.Messaging.PlanMessage), typeof(MedSpa.Core.Messaging.SendDueMessages), typeof(MedSpa.Core.Messaging.SendBirthdayGreetings), typeof(SendBookingConfirmation),
            typeof(MedSpa.Core.Reminders.PlanAppointmentReminders), typeof(MedSpa.Core.Reminders.SendAppointmentReminder), typeof(MedSpa.Core.Reminders.FindAppointmentsNeedingReminders),
            typeof(MedSpa.Core.Messaging.ReceiveSms), typeof(MedSpa.Core.Messaging.RecordDeliveryReport), typeof(MedSpa.Core.Messaging.MessageInbox),
            typeof(MedSpa.Core.Calendars.OwnPractitioner), typeof(MedSpa.Core.Calendars.ManageCalendarFeed), typeof(MedSpa.Core.Calendars.ReadCalendarFeed),
            typeof(MedSpa.Core.Calendars.CalendarConnectionStore), typeof(MedSpa.Core.Calendars.ExternalBusyTimes), typeof(MedSpa.Core.Calendars.SyncExternalCalendar),
            typeof(MedSpa.Core.Memberships.MembershipStore), typeof(MedSpa.Core.Memberships.ChargeMembershipPeriod), typeof(MedSpa.Core.Memberships.JoinMembership), typeof(MedSpa.Core.Memberships.RenewMembership),
            typeof(MedSpa.Core.Memberships.RenewDueMemberships), typeof(MedSpa.Core.Memberships.CancelMembership), typeof(MedSpa.Core.Memberships.ReadMemberships), typeof(MedSpa.Core.Memberships.RestoreMembership),
            typeof(MedSpa.Core.Calendars.ConnectExternalCalendar), typeof(MedSpa.Core.Calendars.ReceiveCalendarNotification), typeof(MedSpa.Core.Calendars.KeepExternalCalendarsInSync),
            typeof(MedSpa.Core.Live.PublishCalendarChange), typeof(MedSpa.Core.Messaging.MessageTemplateStore), typeof(TellPatientOfChange),
        ];
        foreach (var type in singletons)
        {
            services.AddSingleton(type);
        }

        services.AddSingleton(typeof(SetupStore<>));
        services.AddSingleton<MedSpa.Core.Billing.IInvoicePdfWriter, MedSpa.Infrastructure.Billing.InvoicePdfWriter>();
        services.AddSingleton<IValidator<Location>, LocationValidator>();
        services.AddSingleton<IValidator<StaffMember>, StaffMemberValidator>();
        services.AddSingleton<IValidator<Service>, ServiceValidator>();
        services.AddSingleton<IValidator<Room>, RoomValidator>();
        services.AddSingleton<IValidator<Equipment>, EquipmentValidator>();
        services.AddSingleton<ISetupItemHook<StaffMember>, StaffSignInLink>();
        services.AddSingleton<ISetupItemHook<StaffMember>, ArchivedPractitionerLeavesServices>();
        services.AddSingleton<IValidator<BookingPolicies>, BookingPoliciesValidator>();
        services.AddSingleton<IValidator<RecordPrivacy>, RecordPrivacyValidator>();
        services.AddSingleton<IValidator<MedSpa.Core.Charts.ChartingSettings>, MedSpa.Core.Charts.ChartingSettingsValidator>();
        services.AddSingleton<IValidator<MedSpa.Core.Messaging.MessageTemplateSettings>, MedSpa.Core.Messaging.MessageTemplateSettingsValidator>();
        services.AddSingleton<IValidator<MedSpa.Core.Billing.BillingSettings>, MedSpa.Core.Billing.BillingSettingsValidator>();
        services.AddSingleton<IValidator<MedSpa.Core.Billing.InvoiceDraft>, MedSpa.Core.Billing.InvoiceDraftValidator>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.StartBookingSagaWhenDepositNeeded>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.RaiseDepositOutcomeInSaga>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.OfferFreedTimeWhenAppointmentFreed>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.HandAcceptanceToOfferRound>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.ScheduleGiftCardDelivery>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.StartRemindersWhenBooked>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.ReplanRemindersWhenMoved>();
        services.AddSingleton<Events.IDomainEventHandler, Orchestrations.StopRemindersWhenFreed>();
        // Follow-ups that are use cases: a booking that stands is confirmed to the patient; a booking that needs forms
        // sends their links; a form handed in clears the visits' "forms missing"; a completed visit becomes the patient's
        // last visit.
        services.AddFollowUp<MedSpa.Core.Forms.FormsNeeded, MedSpa.Core.Forms.SendForm>((send, e, ct) => send.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<MedSpa.Core.Forms.FormSubmitted, MedSpa.Core.Forms.RefreshMissingForms>((refresh, e, ct) => refresh.ForPatientAsync(e.TenantId, e.PatientId, ct));
        services.AddFollowUp<AppointmentBooked, SendBookingConfirmation>((confirm, e, ct) => confirm.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        // A past-due member who pays the period's invoice is a member again at once.
        services.AddFollowUp<MedSpa.Core.Memberships.InvoicePaidInFull, MedSpa.Core.Memberships.RestoreMembership>((restore, e, ct) => restore.ForInvoiceAsync(e.TenantId, e.InvoiceId, ct));
        // The patient hears of a move or a cancellation, however it was made (online, at the desk, by text).
        services.AddFollowUp<AppointmentMoved, TellPatientOfChange>((tell, e, ct) => tell.MovedAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<AppointmentFreedItsTime, TellPatientOfChange>((tell, e, ct) => tell.CancelledAsync(e.TenantId, e.AppointmentId, ct));
        // Open calendars and slot pickers hear of every change to an appointment's time or status within a second.
        services.AddFollowUp<AppointmentBooked, MedSpa.Core.Live.PublishCalendarChange>((live, e, ct) => live.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<AppointmentMoved, MedSpa.Core.Live.PublishCalendarChange>((live, e, ct) => live.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<AppointmentFreedItsTime, MedSpa.Core.Live.PublishCalendarChange>((live, e, ct) => live.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<MedSpa.Core.Live.AppointmentStatusChanged, MedSpa.Core.Live.PublishCalendarChange>((live, e, ct) => live.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<MedSpa.Core.Deposits.DepositOutcomeKnown, MedSpa.Core.Live.PublishCalendarChange>((live, e, ct) => live.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<VisitCompleted, NoteLastVisit>((note, e, ct) => note.ForAppointmentAsync(e.TenantId, e.AppointmentId, ct));
        services.AddFollowUp<VisitCompleted, MedSpa.Core.Billing.OpenInvoice>((open, e, ct) => open.ForCompletedVisitAsync(e.TenantId, e.AppointmentId, ct));
        ConfigurePayments(services, configuration);
        ConfigureMessaging(services, configuration);
        ConfigureCalendars(services, configuration);
        ConfigureLiveUpdates(services, configuration);
        if (configuration.GetValue("Seed:Demo", identity.IsLocal))
        {
            services.AddHostedService<DemoSeeding>();
        }

        // A one-off data migration on every start (idempotent); delete both lines with PerformerMigration's class.
        services.AddSingleton<MovePerformersToServices>();
        services.AddHostedService<PerformerMigration>();

#if !AZURE_FUNCTIONS
        ConfigureLocalSignIn(services, configuration, identity, dataDir);
        services.PostConfigure<MedSpa.LocalHost.StaticWebApp.StaticWebAppAuthOptions>(o => o.RolesSourceHeaders[RolesSourceOptions.HeaderName] = rolesSource.Secret);
#endif

        // Order matters: problems wrap everything; audit sees the outcome of access checks; access runs before the function.
        builder.UseWhen<ProblemMiddleware>(FunctionMethods.IsHttp);
        builder.UseWhen<AuditMiddleware>(FunctionMethods.IsHttp);
        builder.UseWhen<AccessMiddleware>(FunctionMethods.IsHttp);
        builder.UseWhen<Events.DomainEventMiddleware>(FunctionMethods.IsHttp);
    }

    /// <summary>
    /// Card payments go to Stripe through Stripe.net when <c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c> are set.
    /// On one machine without them the app starts the local Stripe fake and pays there: test payments, labelled as such.
    /// </summary>
    private static void ConfigurePayments(IServiceCollection services, IConfiguration configuration)
    {
        var stripe = configuration.GetSection("Stripe").Get<MedSpa.Infrastructure.Payments.StripeOptions>() ?? new MedSpa.Infrastructure.Payments.StripeOptions();
        if (string.IsNullOrEmpty(stripe.SecretKey))
        {
            UseStripeFake(services, configuration, stripe);
        }
        else if (string.IsNullOrEmpty(stripe.WebhookSecret) || string.IsNullOrEmpty(stripe.PublishableKey))
        {
            throw new InvalidOperationException("Stripe:SecretKey is set, so Stripe:PublishableKey and Stripe:WebhookSecret must be set too.");
        }

        services.AddSingleton(stripe);
        services.TryAddSingleton<Stripe.IStripeClient>(_ => new Stripe.StripeClient(
            stripe.SecretKey,
            httpClient: new Stripe.SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(80) }, maxNetworkRetries: 2),
            apiBase: stripe.ApiBase));
        services.TryAddSingleton<MedSpa.Core.Payments.IPaymentGateway, MedSpa.Infrastructure.Payments.StripePaymentGateway>();
    }

#if AZURE_FUNCTIONS
    private static void UseStripeFake(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Payments.StripeOptions stripe) =>
        throw new InvalidOperationException("Set Stripe:SecretKey, Stripe:PublishableKey and Stripe:WebhookSecret: the Stripe fake runs only on one machine.");
#else
    /// <summary>The fake on its own port (StripeFake:Port, 12111), sending its signed webhooks to this app's endpoint.</summary>
    private static void UseStripeFake(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Payments.StripeOptions stripe)
    {
        var fake = configuration.GetSection("StripeFake").Get<MedSpa.Fakes.Stripe.StripeFakeOptions>() ?? new MedSpa.Fakes.Stripe.StripeFakeOptions();
        var appUrl = LocalAppUrl(configuration);
        fake.WebhookUrl ??= new Uri($"{appUrl}/api/webhooks/stripe");
        stripe.SecretKey = fake.SecretKey;
        stripe.PublishableKey = fake.PublishableKey;
        stripe.WebhookSecret = fake.WebhookSecret;
        stripe.ApiBase = $"http://127.0.0.1:{fake.Port}";
        services.AddSingleton(fake);
        services.AddSingleton<MedSpa.Fakes.Stripe.StripeWebhookDelivery>();
        services.AddSingleton<MedSpa.Fakes.Stripe.StripeFake>();
        if (configuration.GetValue("StripeFake:Serve", true))
        {
            services.AddHostedService<MedSpa.Fakes.Stripe.StripeFakeServer>();
        }

        // The page's test-card form talks to the fake as Stripe.js talks to Stripe.
        services.AddSingleton(new MedSpa.LocalHost.StaticWebApp.LocalOrigin("connect-src", stripe.ApiBase));
    }
#endif

    /// <summary>
    /// SMS and email go through Azure Communication Services when <c>Acs:ConnectionString</c> (HMAC) or <c>Acs:Endpoint</c>
    /// (the managed identity) is set, from <c>Acs:SmsFrom</c> and <c>Acs:EmailFrom</c>. On one machine without them the app
    /// starts the local ACS fake and sends there: test messages, shown on the fake's outbox page, reaching no one.
    /// </summary>
    private static void ConfigureMessaging(IServiceCollection services, IConfiguration configuration)
    {
        // Event Grid brings ACS's inbound texts and delivery reports; its subscription URL carries this key. On one machine a
        // known local key (the local run has no Event Grid), in Azure the app setting (EventGrid__Key), else nothing is read.
        var eventGrid = configuration.GetSection("EventGrid").Get<Webhooks.EventGridWebhookOptions>() ?? new Webhooks.EventGridWebhookOptions();
        if (eventGrid.Key.Length == 0 && RunsOnLocalHost)
        {
            eventGrid.Key = "local-event-grid-key";
        }

        services.AddSingleton(eventGrid);

        // Links in messages point at the web app: Messaging__PublicUrl (its https address); on one machine, this app.
        var publicUrl = configuration["Messaging:PublicUrl"] is { Length: > 0 } configured ? configured : LocalAppUrl(configuration);
        services.AddSingleton(new MedSpa.Core.Messaging.MessagingOptions(publicUrl));
        var acs = configuration.GetSection("Acs").Get<MedSpa.Infrastructure.Messaging.AcsOptions>() ?? new MedSpa.Infrastructure.Messaging.AcsOptions();
        if (string.IsNullOrEmpty(acs.ConnectionString) && string.IsNullOrEmpty(acs.Endpoint))
        {
            UseAcsFake(services, configuration, acs, eventGrid.Key);
        }
        else if (string.IsNullOrEmpty(acs.SmsFrom) || string.IsNullOrEmpty(acs.EmailFrom))
        {
            throw new InvalidOperationException("Acs is configured, so Acs:SmsFrom (a number of the resource) and Acs:EmailFrom (a connected address) must be set too.");
        }

        services.AddSingleton(acs);
        services.TryAddSingleton<MedSpa.Core.Messaging.IMessageSender>(sp => new MedSpa.Infrastructure.Messaging.AcsMessageSender(acs, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Live updates to open calendars and slot pickers: Azure SignalR Service (serverless) with Live:ConnectionString;
    /// on one machine, the same client protocol served by this app; in Azure without it, none (pages poll).
    /// </summary>
    private static void ConfigureLiveUpdates(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Live:ConnectionString"] is { Length: > 0 } connectionString)
        {
            services.AddSingleton<MedSpa.Core.Live.ILiveUpdates>(new MedSpa.Infrastructure.Live.AzureSignalRLive(connectionString));
            return;
        }

        UseLocalLiveUpdates(services, configuration);
    }

#if AZURE_FUNCTIONS
    private static void UseLocalLiveUpdates(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<MedSpa.Core.Live.ILiveUpdates, MedSpa.Core.Live.NoLiveUpdates>();
#else
    private static void UseLocalLiveUpdates(IServiceCollection services, IConfiguration configuration)
    {
        var appUrl = LocalAppUrl(configuration);
        services.AddSingleton<MedSpa.Core.Live.ILiveUpdates>(sp => new LocalLiveUpdates(sp.GetRequiredService<MedSpa.LocalHost.SignalR.LocalSignalRService>(), appUrl));
    }

    /// <summary>Live updates through LocalHost's SignalR service (Azure SignalR's client protocol, on this app's address).</summary>
    private sealed class LocalLiveUpdates(MedSpa.LocalHost.SignalR.LocalSignalRService service, string appUrl) : MedSpa.Core.Live.ILiveUpdates
    {
        public MedSpa.Core.Live.LiveConnection? Connect(string hub, string userId)
        {
            var (url, token) = MedSpa.LocalHost.SignalR.LocalSignalRService.Connect(appUrl, hub, userId);
            return new(url, token);
        }

        public Task SendAsync(string hub, string target, object payload, CancellationToken ct) => service.SendAsync(hub, target, payload, ct);
    }
#endif

    /// <summary>
    /// Practitioners' Google and Microsoft 365 calendars (their busy times block availability): Calendars:Microsoft and
    /// Calendars:Google (see CalendarProviderOptions). On one machine without them, a local fake of both APIs on its own
    /// port (CalendarFake:Port, 12113), whose page adds busy times and whose notifications reach this app's webhooks.
    /// </summary>
    private static void ConfigureCalendars(IServiceCollection services, IConfiguration configuration)
    {
        var microsoft = configuration.GetSection("Calendars:Microsoft").Get<MedSpa.Infrastructure.Calendars.CalendarProviderOptions>() ?? new();
        var google = configuration.GetSection("Calendars:Google").Get<MedSpa.Infrastructure.Calendars.CalendarProviderOptions>() ?? new();
        UseCalendarFakeUnlessConfigured(services, configuration, microsoft, google);
        services.AddSingleton(_ => MedSpa.Infrastructure.Calendars.CalendarProviderSetup.Microsoft(microsoft));
        services.AddSingleton(_ => MedSpa.Infrastructure.Calendars.CalendarProviderSetup.Google(google));
    }

#if AZURE_FUNCTIONS
    private static void UseCalendarFakeUnlessConfigured(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Calendars.CalendarProviderOptions microsoft, MedSpa.Infrastructure.Calendars.CalendarProviderOptions google)
    {
        // In Azure a provider left unset refuses connections with what to set; there is no fake.
    }
#else
    private static void UseCalendarFakeUnlessConfigured(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Calendars.CalendarProviderOptions microsoft, MedSpa.Infrastructure.Calendars.CalendarProviderOptions google)
    {
        var configured = microsoft.ClientId is { Length: > 0 } || microsoft.ManagedIdentity || google.ServiceAccountJson is { Length: > 0 };
        if (configured)
        {
            return;
        }

        var fake = configuration.GetSection("CalendarFake").Get<MedSpa.Fakes.Calendars.CalendarProvidersFakeOptions>() ?? new MedSpa.Fakes.Calendars.CalendarProvidersFakeOptions();
        microsoft.BaseUrl ??= $"http://127.0.0.1:{fake.Port}/graph/v1.0";
        microsoft.AccessToken ??= fake.AccessToken;
        google.BaseUrl ??= $"http://127.0.0.1:{fake.Port}/google/calendar/v3";
        google.AccessToken ??= fake.AccessToken;
        services.AddSingleton(fake);
        services.AddSingleton<MedSpa.Fakes.Calendars.CalendarProvidersFake>();
        if (configuration.GetValue("CalendarFake:Serve", true))
        {
            services.AddHostedService<MedSpa.Fakes.Calendars.CalendarProvidersFakeServer>();
        }
    }
#endif

#if AZURE_FUNCTIONS
    private static string? LocalAppUrl(IConfiguration configuration) => null;
#else
    /// <summary>This app's own address on one machine: the first of its URLs.</summary>
    private static string LocalAppUrl(IConfiguration configuration) =>
        (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? MedSpa.LocalHost.LocalFunctionsHost.DefaultUrl).Split(';')[0].TrimEnd('/');
#endif

#if AZURE_FUNCTIONS
    private static void UseAcsFake(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Messaging.AcsOptions acs, string eventGridKey) =>
        throw new InvalidOperationException("Set Acs:ConnectionString or Acs:Endpoint, Acs:SmsFrom and Acs:EmailFrom: the ACS fake runs only on one machine.");
#else
    /// <summary>The fake on its own port (AcsFake:Port, 12112), its outbox page at its root, its events to this app's Event Grid webhook.</summary>
    private static void UseAcsFake(IServiceCollection services, IConfiguration configuration, MedSpa.Infrastructure.Messaging.AcsOptions acs, string eventGridKey)
    {
        var fake = configuration.GetSection("AcsFake").Get<MedSpa.Fakes.Acs.AcsFakeOptions>() ?? new MedSpa.Fakes.Acs.AcsFakeOptions();
        var appUrl = LocalAppUrl(configuration);
        fake.EventGridUrl ??= new Uri($"{appUrl}/api/webhooks/eventgrid?key={Uri.EscapeDataString(eventGridKey)}");
        acs.ConnectionString = fake.ConnectionString($"http://127.0.0.1:{fake.Port}");
        acs.SmsFrom = fake.SmsFrom;
        acs.EmailFrom = fake.EmailFrom;
        services.AddSingleton(fake);
        services.AddSingleton<MedSpa.Fakes.Acs.AcsFake>();
        if (configuration.GetValue("AcsFake:Serve", true))
        {
            services.AddHostedService<MedSpa.Fakes.Acs.AcsFakeServer>();
        }
    }
#endif

    /// <summary>
    /// Where files (photos) live: Azure Blob Storage (<c>Files:Kind=blob</c>, with <c>Files:ConnectionString</c> for
    /// Azurite or <c>Files:ServiceUri</c> and the managed identity in Azure; on one machine, the Azurite the app
    /// started), or the data folder (<c>local-folder</c>: the documented fallback).
    /// </summary>
    private static IFileStore CreateFileStore(IConfiguration configuration, string dataDir, string? localAzurite) =>
        (configuration["Files:Kind"] ?? (localAzurite is null ? "local-folder" : "blob")).ToLowerInvariant() switch
        {
            "blob" => new BlobFileStore(new BlobFileStoreOptions
            {
                ConnectionString = configuration["Files:ConnectionString"] ?? localAzurite,
                ServiceUri = configuration["Files:ServiceUri"] is { Length: > 0 } uri ? new Uri(uri) : null,
                Container = configuration["Files:Container"] ?? "files",
            }),
            "local-folder" => new LocalFolderFileStore(Path.Combine(dataDir, "files")),
            var other => throw new InvalidOperationException($"Unknown Files:Kind '{other}'. Use blob or local-folder."),
        };

    private static IDocumentStore CreateStore(IConfiguration configuration, string dataDir) =>
        (configuration["Store:Kind"] ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => new SqliteDocumentStore(configuration["Store:SqlitePath"] ?? Path.Combine(dataDir, "medspa.db"), configuration.GetValue<bool>("Store:CheckPlans")),
            "cosmos" => CreateCosmosStore(configuration),
            var other => throw new InvalidOperationException($"Unknown Store:Kind '{other}'. Use sqlite or cosmos."),
        };

    /// <summary>Cosmos DB with its key when one is configured, otherwise with the app's managed identity (as deployed).</summary>
    private static CosmosDocumentStore CreateCosmosStore(IConfiguration configuration)
    {
        var endpoint = configuration["Cosmos:Endpoint"] ?? throw new InvalidOperationException("Store:Kind is cosmos but Cosmos:Endpoint is not set.");
        var options = new CosmosDocumentStoreOptions { DatabaseName = configuration["Cosmos:Database"] ?? "medspa", Containers = CosmosContainers.All };
        return configuration["Cosmos:Key"] is { Length: > 0 } key
            ? new CosmosDocumentStore(endpoint, key, options)
            : new CosmosDocumentStore(new Microsoft.Azure.Cosmos.CosmosClient(endpoint, new Azure.Identity.DefaultAzureCredential(), CosmosDocumentStore.CreateClientOptions()), options);
    }

#if AZURE_FUNCTIONS
    private static string? ConfigureLocalAzurite(IServiceCollection services, IConfiguration configuration, IdentityOptions identity, string dataDir) => null;
#else
    /// <summary>
    /// Local runs start Azurite for their files, keeping the blobs under the data folder; the connection string to it,
    /// or null when files are configured otherwise.
    /// </summary>
    private static string? ConfigureLocalAzurite(IServiceCollection services, IConfiguration configuration, IdentityOptions identity, string dataDir)
    {
        if (!identity.IsLocal || configuration["Files:Kind"] is not null || !configuration.GetValue("LocalAzurite:Enabled", true))
        {
            return null;
        }

        var options = new MedSpa.LocalHost.Storage.LocalAzuriteOptions
        {
            Enabled = true,
            Directory = MedSpa.LocalHost.LocalFunctionsHost.MetadataOf(typeof(MedSpaApp).Assembly, "LocalAzurite") ?? "",
            Port = configuration.GetValue("LocalAzurite:Port", 10000),
            Location = Path.Combine(dataDir, "azurite"),
        };
        services.PostConfigure<MedSpa.LocalHost.Storage.LocalAzuriteOptions>(o =>
        {
            o.Enabled = options.Enabled;
            o.Directory = options.Directory;
            o.Port = options.Port;
            o.Location = options.Location;
        });
        return options.ConnectionString;
    }

    /// <summary>Local runs start their own OpenID Connect provider, signing with the key the API validates against.</summary>
    private static void ConfigureLocalSignIn(IServiceCollection services, IConfiguration configuration, IdentityOptions identity, string dataDir)
    {
        services.PostConfigure<MedSpa.LocalHost.SignIn.LocalSignInOptions>(o =>
        {
            o.Enabled = identity.IsLocal && configuration.GetValue("LocalSignIn:Enabled", true);
            if (!o.Enabled)
            {
                return;
            }

            LocalSigningKey.LoadOrCreate(identity.JwksFile);
            o.ProviderDirectory = string.IsNullOrEmpty(o.ProviderDirectory)
                ? MedSpa.LocalHost.LocalFunctionsHost.MetadataOf(typeof(MedSpaApp).Assembly, "LocalSignInProvider") ?? ""
                : o.ProviderDirectory;
            o.Issuer = identity.ExpectedIssuer;
            o.Port = new Uri(identity.Authority).Port;
            o.Audience = identity.Audience;
            o.ClientId = identity.ClientId;
            o.JwksFile = identity.JwksFile;
            o.UsersFile = Path.Combine(dataDir, "oidc-users.json");
            var appUrls = (configuration["ASPNETCORE_URLS"] ?? configuration["urls"] ?? MedSpa.LocalHost.LocalFunctionsHost.DefaultUrl)
                .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u => u.TrimEnd('/')).ToList();
            appUrls.AddRange(appUrls.Where(u => u.Contains("127.0.0.1", StringComparison.Ordinal)).Select(u => u.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)).ToList());
            // The SPA's own callback, and that of LocalHost's Static Web Apps sign-in (/.auth/login/medspa).
            o.RedirectUris = [.. appUrls.Select(u => u + "/auth/callback"), .. appUrls.Select(u => u + "/.auth/login/medspa/callback")];
            o.PostLogoutRedirectUris = [.. appUrls, .. appUrls.Select(u => u + "/")];
            File.WriteAllText(o.UsersFile, JsonSerializer.Serialize(DemoClinic.SignInUsers(DemoSeeding.DemoDomain), ApiJson.Options));
        });
    }
#endif
}
