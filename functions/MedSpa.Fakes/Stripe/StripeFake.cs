using System.Globalization;
using System.Security.Cryptography;

namespace MedSpa.Fakes.Stripe;

/// <summary>
/// A local Stripe account for one machine and the tests: the v1 endpoints MedSpa calls (customers, payment methods,
/// payment and setup intents, refunds, events) in Stripe's wire format, with the checks Stripe makes — the secret key,
/// required and unknown parameters, integer amounts and known currencies, metadata limits, idempotency keys replaying the
/// first answer, the intents' state machines, test cards that decline or ask for 3-D Secure — and signed webhooks for
/// what changed. State lives in memory: a restart is a fresh test account.
/// </summary>
public sealed class StripeFake(StripeFakeOptions options, TimeProvider clock, StripeWebhookDelivery webhooks)
{
    private static readonly HashSet<string> Currencies = ["usd", "eur", "gbp", "cad", "aud", "nzd", "chf", "sek", "nok", "dkk", "jpy", "mxn", "sgd", "hkd"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Endpoint, string Fingerprint, StripeResponse Response)> _idempotency = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _events = [];
    private readonly List<string> _requests = [];

    public StripeFakeOptions Options => options;

    /// <summary>Every event raised so far, oldest first (what the Dashboard's event list shows).</summary>
    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Select(e => (JsonObject)e.DeepClone())];
            }
        }
    }

    /// <summary>"POST /v1/payment_intents" per call, replays included, for tests that count calls.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A copy of a stored object, or null.</summary>
    public JsonObject? Find(string id)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(id, out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    public StripeResponse Handle(StripeRequest request)
    {
        lock (_gate)
        {
            _requests.Add($"{request.Method} {request.Path}");
            if (request.Method != "POST" || request.IdempotencyKey is null)
            {
                return Route(request);
            }

            // Stripe keeps the first answer under a key (successes and declines alike) once the endpoint ran.
            var endpoint = $"{request.Method} {request.Path}";
            if (request.IdempotencyKey.Length > 255)
            {
                return StripeResponse.Invalid(null, "Idempotency-Key must be at most 255 characters.");
            }

            if (_idempotency.TryGetValue(request.IdempotencyKey, out var first))
            {
                if (first.Endpoint != endpoint)
                {
                    return StripeResponse.Error(400, "idempotency_error", null,
                        $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{first.Endpoint}' vs '{endpoint}'). Try using a key other than '{request.IdempotencyKey}' if you meant to execute a different request.");
                }

                if (first.Fingerprint != request.Fingerprint)
                {
                    return StripeResponse.Error(400, "idempotency_error", null,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{request.IdempotencyKey}' if you meant to execute a different request.");
                }

                return first.Response with { Replayed = true };
            }

            var response = Route(request);
            if (!response.IsParameterError && response.Status != 401)
            {
                _idempotency[request.IdempotencyKey] = (endpoint, request.Fingerprint, response);
            }

            return response;
        }
    }

    private StripeResponse Route(StripeRequest r)
    {
        var parts = r.Path.Trim('/').Split('/');
        if (r.Caller == StripeCaller.Browser && !BrowserMayCall(r, parts))
        {
            return StripeResponse.Error(401, "invalid_request_error", "secret_key_required",
                "This API call cannot be made with a publishable API key. Please use a secret API key.");
        }

        return (r.Method, parts) switch
        {
            ("POST", ["v1", "customers"]) => CreateCustomer(r),
            ("GET", ["v1", "customers", var id]) => Read(id, "customer"),
            ("POST", ["v1", "customers", var id]) => UpdateCustomer(id, r),
            ("GET", ["v1", "customers", var id, "payment_methods"]) => ListPaymentMethods(id),
            ("POST", ["v1", "payment_methods"]) => CreatePaymentMethod(r),
            ("GET", ["v1", "payment_methods", var id]) => Read(id, "payment_method"),
            ("POST", ["v1", "payment_methods", var id, "attach"]) => AttachPaymentMethod(id, r),
            ("POST", ["v1", "payment_methods", var id, "detach"]) => DetachPaymentMethod(id, r),
            ("POST", ["v1", "payment_intents"]) => CreatePaymentIntent(r),
            ("GET", ["v1", "payment_intents", var id]) => ReadIntent(id, "payment_intent", r),
            ("POST", ["v1", "payment_intents", var id, "confirm"]) => ConfirmPaymentIntent(id, r),
            ("POST", ["v1", "payment_intents", var id, "capture"]) => CapturePaymentIntent(id, r),
            ("POST", ["v1", "payment_intents", var id, "cancel"]) => CancelIntent(id, "payment_intent", r),
            ("POST", ["v1", "setup_intents"]) => CreateSetupIntent(r),
            ("GET", ["v1", "setup_intents", var id]) => ReadIntent(id, "setup_intent", r),
            ("POST", ["v1", "setup_intents", var id, "confirm"]) => ConfirmSetupIntent(id, r),
            ("POST", ["v1", "setup_intents", var id, "cancel"]) => CancelIntent(id, "setup_intent", r),
            ("POST", ["v1", "refunds"]) => CreateRefund(r),
            ("GET", ["v1", "refunds"]) => ListRefunds(r),
            ("GET", ["v1", "refunds", var id]) => Read(id, "refund"),
            ("GET", ["v1", "charges", var id]) => Read(id, "charge"),
            ("GET", ["v1", "disputes", var id]) => Read(id, "dispute"),
            ("GET", ["v1", "events", var id]) => Read(id, "event"),
            ("POST", ["v1", "test_helpers", "authenticate", var id]) => Authenticate(id, r),
            _ => StripeResponse.Error(404, "invalid_request_error", null, $"Unrecognized request URL ({r.Method}: {r.Path})."),
        };
    }

    /// <summary>What Stripe.js does with the publishable key: make a card, confirm or read an intent it holds the secret of.</summary>
    private static bool BrowserMayCall(StripeRequest r, string[] parts) => (r.Method, parts) switch
    {
        ("POST", ["v1", "payment_methods"]) => true,
        ("POST" or "GET", ["v1", "payment_intents" or "setup_intents", _, ..]) => r["client_secret"] is not null && (parts.Length == 3 || parts[3] == "confirm"),
        ("POST", ["v1", "test_helpers", "authenticate", _]) => r["client_secret"] is not null,
        _ => false,
    };

    // ---- customers ----

    private StripeResponse CreateCustomer(StripeRequest r)
    {
        if (Unknown(r, "email", "name", "phone", "description", "metadata[", "payment_method", "invoice_settings[default_payment_method]", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Metadata(r) is { } badMetadata)
        {
            return badMetadata;
        }

        if (r["email"] is { Length: > 512 })
        {
            return StripeResponse.Invalid("parameter_invalid_string_too_long", "Invalid email: must be at most 512 characters", "email");
        }

        var customer = New("cus", "customer");
        customer["email"] = r["email"];
        customer["name"] = r["name"];
        customer["phone"] = r["phone"];
        customer["description"] = r["description"];
        customer["metadata"] = MetadataOf(r);
        customer["invoice_settings"] = new JsonObject { ["default_payment_method"] = r["invoice_settings[default_payment_method]"] };
        Save(customer);
        Raise("customer.created", customer, r);
        return StripeResponse.Ok(Copy(customer));
    }

    private StripeResponse UpdateCustomer(string id, StripeRequest r)
    {
        if (Get(id, "customer") is not { } customer)
        {
            return StripeResponse.Missing("customer", id);
        }

        if (Unknown(r, "email", "name", "phone", "description", "metadata[", "invoice_settings[default_payment_method]", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Metadata(r) is { } badMetadata)
        {
            return badMetadata;
        }

        if (r["invoice_settings[default_payment_method]"] is { Length: > 0 } pm && (Get(pm, "payment_method") is not { } method || (string?)method["customer"] != id))
        {
            return StripeResponse.Invalid("resource_missing", $"No such PaymentMethod: '{pm}' attached to this customer.", "invoice_settings[default_payment_method]");
        }

        foreach (var field in new[] { "email", "name", "phone", "description" })
        {
            if (r[field] is { } value)
            {
                customer[field] = value.Length == 0 ? null : value;
            }
        }

        if (r["invoice_settings[default_payment_method]"] is { } defaultMethod)
        {
            customer["invoice_settings"]!["default_payment_method"] = defaultMethod.Length == 0 ? null : defaultMethod;
        }

        MergeMetadata(customer, r);
        Raise("customer.updated", customer, r);
        return StripeResponse.Ok(Copy(customer));
    }

    // ---- payment methods ----

    private StripeResponse CreatePaymentMethod(StripeRequest r)
    {
        if (Unknown(r, "type", "card[number]", "card[exp_month]", "card[exp_year]", "card[cvc]", "billing_details[", "metadata[", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (r["type"] != "card")
        {
            return r["type"] is null
                ? StripeResponse.Invalid("parameter_missing", "Missing required param: type.", "type")
                : StripeResponse.Invalid("parameter_invalid_empty", $"Invalid type: {r["type"]}. This account accepts cards only.", "type");
        }

        var number = new string((r["card[number]"] ?? "").Where(char.IsDigit).ToArray());
        if (number.Length is < 12 or > 19 || !StripeTestCards.PassesLuhn(number))
        {
            return CardError("incorrect_number", "Your card number is incorrect.", "number");
        }

        if (!int.TryParse(r["card[exp_month]"], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return CardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
        }

        if (!int.TryParse(r["card[exp_year]"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || (year < 100 ? year + 2000 : year) is var fullYear && (fullYear > 2100 || new DateOnly(fullYear, month, 1).AddMonths(1) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
        {
            return CardError("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
        }

        if (r["card[cvc]"] is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            return CardError("invalid_cvc", "Your card's security code is invalid.", "cvc");
        }

        var method = NewCard(number, month, year < 100 ? year + 2000 : year);
        method["metadata"] = MetadataOf(r);
        Save(method);
        return StripeResponse.Ok(Copy(method));
    }

    private JsonObject NewCard(string number, int month, int year)
    {
        var method = New("pm", "payment_method");
        method["type"] = "card";
        method["customer"] = null;
        method["billing_details"] = new JsonObject { ["email"] = null, ["name"] = null, ["phone"] = null };
        method["card"] = new JsonObject
        {
            ["brand"] = StripeTestCards.BrandOf(number),
            ["last4"] = number[^4..],
            ["exp_month"] = month,
            ["exp_year"] = year,
            ["funding"] = "credit",
            ["country"] = "US",
            ["fingerprint"] = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(number)))[..16],
        };
        method["_number"] = number; // the fake's own: which test card this is (never sent)
        return method;
    }

    /// <summary>A stored card, or a fresh one for a test PaymentMethod id (each use of pm_card_visa makes a new card).</summary>
    private JsonObject? PaymentMethod(string id)
    {
        if (Get(id, "payment_method") is { } found)
        {
            return found;
        }

        if (StripeTestCards.NumberOfTestPaymentMethod(id) is not { } number)
        {
            return null;
        }

        var now = clock.GetUtcNow().AddYears(3);
        var method = NewCard(number, now.Month, now.Year);
        method["metadata"] = new JsonObject();
        Save(method);
        return method;
    }

    private StripeResponse AttachPaymentMethod(string id, StripeRequest r)
    {
        if (Unknown(r, "customer", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (PaymentMethod(id) is not { } method)
        {
            return StripeResponse.Missing("PaymentMethod", id);
        }

        if (r["customer"] is not { Length: > 0 } customerId)
        {
            return StripeResponse.Invalid("parameter_missing", "Missing required param: customer.", "customer");
        }

        if (Get(customerId, "customer") is null)
        {
            return StripeResponse.Missing("customer", customerId);
        }

        if (method["customer"] is not null && (string?)method["customer"] != customerId)
        {
            return StripeResponse.Invalid("payment_method_unexpected_state", "This PaymentMethod is already attached to another customer.");
        }

        Attach(method, customerId, r);
        return StripeResponse.Ok(Copy(method));
    }

    private void Attach(JsonObject method, string customerId, StripeRequest r)
    {
        if ((string?)method["customer"] == customerId)
        {
            return;
        }

        method["customer"] = customerId;
        Raise("payment_method.attached", method, r);
    }

    private StripeResponse DetachPaymentMethod(string id, StripeRequest r)
    {
        if (Unknown(r, "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Get(id, "payment_method") is not { } method)
        {
            return StripeResponse.Missing("PaymentMethod", id);
        }

        if (method["customer"] is null)
        {
            return StripeResponse.Invalid("payment_method_unexpected_state", "The payment method you provided is not attached to a customer so detachment is impossible.");
        }

        var customer = Get((string)method["customer"]!, "customer");
        if (customer?["invoice_settings"]?["default_payment_method"]?.GetValue<string>() == id)
        {
            customer["invoice_settings"]!["default_payment_method"] = null;
        }

        method["customer"] = null;
        Raise("payment_method.detached", method, r);
        return StripeResponse.Ok(Copy(method));
    }

    private StripeResponse ListPaymentMethods(string customerId)
    {
        if (Get(customerId, "customer") is null)
        {
            return StripeResponse.Missing("customer", customerId);
        }

        var cards = _objects.Values
            .Where(o => (string?)o["object"] == "payment_method" && (string?)o["customer"] == customerId)
            .OrderByDescending(o => (long)o["created"]!).ThenByDescending(o => (string)o["id"]!)
            .Select(Copy);
        return StripeResponse.Ok(new JsonObject
        {
            ["object"] = "list",
            ["url"] = $"/v1/customers/{customerId}/payment_methods",
            ["has_more"] = false,
            ["data"] = new JsonArray([.. cards]),
        });
    }

    // ---- payment intents ----

    private StripeResponse CreatePaymentIntent(StripeRequest r)
    {
        if (Unknown(r, "amount", "currency", "customer", "capture_method", "confirm", "off_session", "payment_method", "setup_future_usage",
                "description", "receipt_email", "statement_descriptor_suffix", "return_url", "metadata[", "payment_method_types[",
                "automatic_payment_methods[enabled]", "error_on_requires_action", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Amount(r, "amount", required: true) is { Error: { } amountError })
        {
            return amountError;
        }

        if (Currency(r) is { Error: { } currencyError })
        {
            return currencyError;
        }

        if (Metadata(r) is { } badMetadata)
        {
            return badMetadata;
        }

        if (r["capture_method"] is { } capture && capture is not ("automatic" or "automatic_async" or "manual"))
        {
            return StripeResponse.Invalid("parameter_invalid_empty", $"Invalid capture_method: must be one of automatic, automatic_async, or manual", "capture_method");
        }

        if (r["setup_future_usage"] is { } usage && usage is not ("off_session" or "on_session"))
        {
            return StripeResponse.Invalid("parameter_invalid_empty", "Invalid setup_future_usage: must be one of off_session or on_session", "setup_future_usage");
        }

        if (StripeRequest.IsTrue(r["off_session"]) && !StripeRequest.IsTrue(r["confirm"]))
        {
            return StripeResponse.Invalid(null, "off_session can only be used when confirm is true.", "off_session");
        }

        if (r["customer"] is { } customerId && Get(customerId, "customer") is null)
        {
            return StripeResponse.Missing("customer", customerId) with { IsParameterError = true };
        }

        if (r["payment_method"] is { } pm && PaymentMethod(pm) is null)
        {
            return StripeResponse.Missing("payment_method", pm) with { IsParameterError = true };
        }

        var intent = New("pi", "payment_intent");
        intent["amount"] = long.Parse(r["amount"]!, CultureInfo.InvariantCulture);
        intent["amount_capturable"] = 0L;
        intent["amount_received"] = 0L;
        intent["currency"] = r["currency"]!.ToLowerInvariant();
        intent["customer"] = r["customer"];
        intent["capture_method"] = r["capture_method"] ?? "automatic_async";
        intent["confirmation_method"] = "automatic";
        intent["setup_future_usage"] = r["setup_future_usage"];
        intent["description"] = r["description"];
        intent["receipt_email"] = r["receipt_email"];
        intent["metadata"] = MetadataOf(r);
        intent["payment_method"] = r["payment_method"] is { } given ? (string?)PaymentMethod(given)!["id"] : null;
        intent["payment_method_types"] = new JsonArray("card");
        intent["client_secret"] = $"{intent["id"]}_secret_{Random(24)}";
        intent["status"] = intent["payment_method"] is null ? "requires_payment_method" : "requires_confirmation";
        intent["latest_charge"] = null;
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        intent["canceled_at"] = null;
        intent["cancellation_reason"] = null;
        Save(intent);
        Raise("payment_intent.created", intent, r);
        return StripeRequest.IsTrue(r["confirm"]) ? Confirm(intent, r, StripeRequest.IsTrue(r["off_session"])) : StripeResponse.Ok(Copy(intent));
    }

    private StripeResponse ConfirmPaymentIntent(string id, StripeRequest r)
    {
        if (Unknown(r, "payment_method", "client_secret", "return_url", "off_session", "setup_future_usage", "use_stripe_sdk", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Intent(id, "payment_intent", r) is not { } intent)
        {
            return StripeResponse.Missing("payment_intent", id);
        }

        if (r["payment_method"] is { } pm)
        {
            if (PaymentMethod(pm) is not { } method)
            {
                return StripeResponse.Missing("payment_method", pm);
            }

            if (method["customer"] is not null && (string?)method["customer"] != (string?)intent["customer"])
            {
                return StripeResponse.Invalid(null, "The provided PaymentMethod belongs to another customer.", "payment_method");
            }

            if (!Confirmable(intent))
            {
                return Unexpected(intent, "confirm");
            }

            intent["payment_method"] = method["id"]!.GetValue<string>();
        }

        if (r["setup_future_usage"] is { } usage)
        {
            intent["setup_future_usage"] = usage;
        }

        return Confirm(intent, r, StripeRequest.IsTrue(r["off_session"]));
    }

    private static bool Confirmable(JsonObject intent) => (string?)intent["status"] is "requires_payment_method" or "requires_confirmation" or "requires_action";

    private StripeResponse Confirm(JsonObject intent, StripeRequest r, bool offSession)
    {
        if (!Confirmable(intent))
        {
            return Unexpected(intent, "confirm");
        }

        if (intent["payment_method"] is null)
        {
            return StripeResponse.Error(400, "invalid_request_error", "payment_intent_unexpected_state",
                "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.");
        }

        var method = Get((string)intent["payment_method"]!, "payment_method")!;
        var behaviour = StripeTestCards.BehaviourOf((string)method["_number"]!);
        var card = method["card"]!;
        var expired = new DateOnly((int)card["exp_year"]!, (int)card["exp_month"]!, 1).AddMonths(1) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (expired)
        {
            return Decline(intent, r, "expired_card", "expired_card", "Your card has expired.");
        }

        switch (behaviour)
        {
            case CardBehaviour.Declined or CardBehaviour.DeclinesAfterAttaching:
                return Decline(intent, r, "card_declined", "generic_decline", "Your card was declined.");
            case CardBehaviour.InsufficientFunds:
                return Decline(intent, r, "card_declined", "insufficient_funds", "Your card has insufficient funds.");
            case CardBehaviour.AlwaysAuthenticates or CardBehaviour.AuthenticatesOnSession when offSession:
                if (behaviour == CardBehaviour.AuthenticatesOnSession && method["customer"] is not null)
                {
                    break; // saved with its authentication: later off-session charges go through
                }

                return Decline(intent, r, "authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");
            case CardBehaviour.AlwaysAuthenticates or CardBehaviour.AuthenticatesOnSession:
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = $"stripe-fake://authenticate/{intent["id"]}", ["return_url"] = r["return_url"] },
                };
                Raise("payment_intent.requires_action", intent, r);
                return StripeResponse.Ok(Copy(intent));
        }

        return Authorise(intent, r);
    }

    /// <summary>The card went through: held for capture (manual) or taken now.</summary>
    private StripeResponse Authorise(JsonObject intent, StripeRequest r)
    {
        var amount = (long)intent["amount"]!;
        var manual = (string?)intent["capture_method"] == "manual";
        var method = Get((string)intent["payment_method"]!, "payment_method")!;
        var charge = New("ch", "charge");
        charge["amount"] = amount;
        charge["amount_captured"] = manual ? 0L : amount;
        charge["amount_refunded"] = 0L;
        charge["currency"] = intent["currency"]!.DeepClone();
        charge["captured"] = !manual;
        charge["refunded"] = false;
        charge["paid"] = true;
        charge["status"] = "succeeded";
        charge["customer"] = intent["customer"]?.DeepClone();
        charge["payment_intent"] = intent["id"]!.DeepClone();
        charge["payment_method"] = method["id"]!.DeepClone();
        charge["metadata"] = intent["metadata"]!.DeepClone();
        charge["payment_method_details"] = new JsonObject
        {
            ["type"] = "card",
            ["card"] = new JsonObject
            {
                ["brand"] = method["card"]!["brand"]!.DeepClone(),
                ["last4"] = method["card"]!["last4"]!.DeepClone(),
                ["exp_month"] = method["card"]!["exp_month"]!.DeepClone(),
                ["exp_year"] = method["card"]!["exp_year"]!.DeepClone(),
            },
        };
        if (manual)
        {
            // Stripe holds an uncaptured card payment for 7 days, then releases it; the field is absent otherwise (never null).
            charge["payment_method_details"]!["card"]!["capture_before"] = clock.GetUtcNow().AddDays(7).ToUnixTimeSeconds();
        }
        Save(charge);

        intent["latest_charge"] = charge["id"]!.DeepClone();
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        if (intent["setup_future_usage"] is not null && intent["customer"] is not null)
        {
            Attach(method, (string)intent["customer"]!, r);
        }

        if (manual)
        {
            intent["status"] = "requires_capture";
            intent["amount_capturable"] = amount;
            Raise("payment_intent.amount_capturable_updated", intent, r);
        }
        else
        {
            intent["status"] = "succeeded";
            intent["amount_received"] = amount;
            Raise("charge.succeeded", charge, r);
            Raise("payment_intent.succeeded", intent, r);
            if (StripeTestCards.BehaviourOf((string)method["_number"]!) == CardBehaviour.Disputed)
            {
                Dispute(charge, r);
            }
        }

        return StripeResponse.Ok(Copy(intent));
    }

    private StripeResponse Decline(JsonObject intent, StripeRequest r, string code, string declineCode, string message)
    {
        var isSetup = (string?)intent["object"] == "setup_intent";
        var error = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["message"] = message,
            ["payment_method"] = Copy(Get((string)intent["payment_method"]!, "payment_method")!),
        };
        intent[isSetup ? "last_setup_error" : "last_payment_error"] = error;
        intent["status"] = "requires_payment_method";
        intent["payment_method"] = null;
        intent["next_action"] = null;
        Raise(isSetup ? "setup_intent.setup_failed" : "payment_intent.payment_failed", intent, r);
        return StripeResponse.Error(402, "card_error", code, message, null, e =>
        {
            e["decline_code"] = declineCode;
            e[isSetup ? "setup_intent" : "payment_intent"] = Copy(intent);
        });
    }

    /// <summary>The 3-D Secure challenge, answered: what the bank's page does in Stripe.js's modal.</summary>
    private StripeResponse Authenticate(string id, StripeRequest r)
    {
        if (Unknown(r, "client_secret", "outcome") is { } unknown)
        {
            return unknown;
        }

        var kind = id.StartsWith("seti_", StringComparison.Ordinal) ? "setup_intent" : "payment_intent";
        if (Intent(id, kind, r) is not { } intent)
        {
            return StripeResponse.Missing(kind, id);
        }

        if ((string?)intent["status"] != "requires_action")
        {
            return Unexpected(intent, "authenticate");
        }

        if (r["outcome"] != "complete")
        {
            var failure = kind == "setup_intent" ? "setup_intent_authentication_failure" : "payment_intent_authentication_failure";
            return Decline(intent, r, failure, failure, "We are unable to authenticate your payment method. Please choose a different payment method and try again.");
        }

        return kind == "setup_intent" ? SetUp(intent, r) : Authorise(intent, r);
    }

    private StripeResponse CapturePaymentIntent(string id, StripeRequest r)
    {
        if (Unknown(r, "amount_to_capture", "metadata[", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Get(id, "payment_intent") is not { } intent)
        {
            return StripeResponse.Missing("payment_intent", id);
        }

        if (Amount(r, "amount_to_capture", required: false) is { Error: { } amountError })
        {
            return amountError;
        }

        if ((string?)intent["status"] != "requires_capture")
        {
            return Unexpected(intent, "capture");
        }

        var charge = Get((string)intent["latest_charge"]!, "charge")!;
        if ((long)charge["payment_method_details"]!["card"]!["capture_before"]! < clock.GetUtcNow().ToUnixTimeSeconds())
        {
            intent["status"] = "canceled";
            intent["cancellation_reason"] = "automatic";
            intent["amount_capturable"] = 0L;
            Raise("payment_intent.canceled", intent, r);
            return StripeResponse.Error(400, "invalid_request_error", "charge_expired_for_capture", "This charge expired for capture: it was held for more than 7 days.");
        }

        var capturable = (long)intent["amount_capturable"]!;
        var amount = r["amount_to_capture"] is { } given ? long.Parse(given, CultureInfo.InvariantCulture) : capturable;
        if (amount > capturable)
        {
            return StripeResponse.Invalid("amount_too_large", $"The amount_to_capture ({amount}) is greater than the amount capturable ({capturable}).", "amount_to_capture");
        }

        MergeMetadata(intent, r);
        intent["status"] = "succeeded";
        intent["amount_received"] = amount;
        intent["amount_capturable"] = 0L;
        charge["captured"] = true;
        charge["amount_captured"] = amount;
        charge["amount_refunded"] = capturable - amount; // what was not captured is released
        Raise("charge.captured", charge, r);
        Raise("payment_intent.succeeded", intent, r);
        return StripeResponse.Ok(Copy(intent));
    }

    private StripeResponse CancelIntent(string id, string kind, StripeRequest r)
    {
        if (Unknown(r, "cancellation_reason", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Get(id, kind) is not { } intent)
        {
            return StripeResponse.Missing(kind, id);
        }

        if (r["cancellation_reason"] is { } reason && reason is not ("duplicate" or "fraudulent" or "requested_by_customer" or "abandoned"))
        {
            return StripeResponse.Invalid(null, "Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned", "cancellation_reason");
        }

        if ((string?)intent["status"] is not ("requires_payment_method" or "requires_confirmation" or "requires_action" or "requires_capture" or "processing"))
        {
            return Unexpected(intent, "cancel");
        }

        intent["status"] = "canceled";
        intent["cancellation_reason"] = r["cancellation_reason"];
        intent["canceled_at"] = clock.GetUtcNow().ToUnixTimeSeconds();
        if (kind == "payment_intent")
        {
            intent["amount_capturable"] = 0L;
        }

        Raise($"{kind}.canceled", intent, r);
        return StripeResponse.Ok(Copy(intent));
    }

    // ---- setup intents ----

    private StripeResponse CreateSetupIntent(StripeRequest r)
    {
        if (Unknown(r, "customer", "usage", "payment_method", "payment_method_types[", "automatic_payment_methods[enabled]", "confirm", "return_url", "metadata[", "description", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Metadata(r) is { } badMetadata)
        {
            return badMetadata;
        }

        if (r["usage"] is { } usage && usage is not ("off_session" or "on_session"))
        {
            return StripeResponse.Invalid(null, "Invalid usage: must be one of off_session or on_session", "usage");
        }

        if (r["customer"] is { } customerId && Get(customerId, "customer") is null)
        {
            return StripeResponse.Missing("customer", customerId) with { IsParameterError = true };
        }

        var intent = New("seti", "setup_intent");
        intent["customer"] = r["customer"];
        intent["usage"] = r["usage"] ?? "off_session";
        intent["description"] = r["description"];
        intent["metadata"] = MetadataOf(r);
        intent["payment_method"] = r["payment_method"] is { } pm ? (string?)PaymentMethod(pm)?["id"] : null;
        intent["payment_method_types"] = new JsonArray("card");
        intent["client_secret"] = $"{intent["id"]}_secret_{Random(24)}";
        intent["status"] = intent["payment_method"] is null ? "requires_payment_method" : "requires_confirmation";
        intent["last_setup_error"] = null;
        intent["next_action"] = null;
        Save(intent);
        Raise("setup_intent.created", intent, r);
        return StripeRequest.IsTrue(r["confirm"]) ? ConfirmSetup(intent, r) : StripeResponse.Ok(Copy(intent));
    }

    private StripeResponse ConfirmSetupIntent(string id, StripeRequest r)
    {
        if (Unknown(r, "payment_method", "client_secret", "return_url", "use_stripe_sdk", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Intent(id, "setup_intent", r) is not { } intent)
        {
            return StripeResponse.Missing("setup_intent", id);
        }

        if (r["payment_method"] is { } pm)
        {
            if (PaymentMethod(pm) is not { } method)
            {
                return StripeResponse.Missing("payment_method", pm);
            }

            if (!Confirmable(intent))
            {
                return Unexpected(intent, "confirm");
            }

            intent["payment_method"] = method["id"]!.GetValue<string>();
        }

        return ConfirmSetup(intent, r);
    }

    private StripeResponse ConfirmSetup(JsonObject intent, StripeRequest r)
    {
        if (!Confirmable(intent))
        {
            return Unexpected(intent, "confirm");
        }

        if (intent["payment_method"] is null)
        {
            return StripeResponse.Error(400, "invalid_request_error", "setup_intent_unexpected_state", "You cannot confirm this SetupIntent because it's missing a payment method.");
        }

        var method = Get((string)intent["payment_method"]!, "payment_method")!;
        switch (StripeTestCards.BehaviourOf((string)method["_number"]!))
        {
            case CardBehaviour.Declined or CardBehaviour.InsufficientFunds:
                return Decline(intent, r, "card_declined", "generic_decline", "Your card was declined.");
            case CardBehaviour.AuthenticatesOnSession or CardBehaviour.AlwaysAuthenticates:
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject
                {
                    ["type"] = "redirect_to_url",
                    ["redirect_to_url"] = new JsonObject { ["url"] = $"stripe-fake://authenticate/{intent["id"]}", ["return_url"] = r["return_url"] },
                };
                Raise("setup_intent.requires_action", intent, r);
                return StripeResponse.Ok(Copy(intent));
            default:
                return SetUp(intent, r);
        }
    }

    private StripeResponse SetUp(JsonObject intent, StripeRequest r)
    {
        var method = Get((string)intent["payment_method"]!, "payment_method")!;
        if (intent["customer"] is not null)
        {
            Attach(method, (string)intent["customer"]!, r);
        }

        intent["status"] = "succeeded";
        intent["next_action"] = null;
        intent["last_setup_error"] = null;
        Raise("setup_intent.succeeded", intent, r);
        return StripeResponse.Ok(Copy(intent));
    }

    // ---- refunds ----

    private StripeResponse CreateRefund(StripeRequest r)
    {
        if (Unknown(r, "payment_intent", "charge", "amount", "reason", "metadata[", "expand[") is { } unknown)
        {
            return unknown;
        }

        if (Amount(r, "amount", required: false) is { Error: { } amountError })
        {
            return amountError;
        }

        if (Metadata(r) is { } badMetadata)
        {
            return badMetadata;
        }

        if (r["reason"] is { } reason && reason is not ("duplicate" or "fraudulent" or "requested_by_customer"))
        {
            return StripeResponse.Invalid(null, "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
        }

        JsonObject? charge;
        if (r["payment_intent"] is { } pi)
        {
            if (Get(pi, "payment_intent") is not { } intent)
            {
                return StripeResponse.Missing("payment_intent", pi);
            }

            if ((string?)intent["status"] != "succeeded")
            {
                return StripeResponse.Invalid("charge_not_refundable", $"This PaymentIntent ({pi}) does not have a successful charge to refund.");
            }

            charge = Get((string)intent["latest_charge"]!, "charge");
        }
        else if (r["charge"] is { } ch)
        {
            charge = Get(ch, "charge");
            if (charge is null)
            {
                return StripeResponse.Missing("charge", ch);
            }
        }
        else
        {
            return StripeResponse.Invalid("parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.");
        }

        var captured = (long)charge!["amount_captured"]!;
        var refunded = (long)charge["amount_refunded"]! - ((long)charge["amount"]! - captured); // released, uncaptured money is not refundable
        var remaining = captured - refunded;
        if (remaining <= 0)
        {
            return StripeResponse.Invalid("charge_already_refunded", $"Charge {charge["id"]} has already been refunded.");
        }

        var amount = r["amount"] is { } given ? long.Parse(given, CultureInfo.InvariantCulture) : remaining;
        if (amount > remaining)
        {
            return StripeResponse.Invalid("amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining}).", "amount");
        }

        var refund = New("re", "refund");
        refund["amount"] = amount;
        refund["currency"] = charge["currency"]!.DeepClone();
        refund["charge"] = charge["id"]!.DeepClone();
        refund["payment_intent"] = charge["payment_intent"]?.DeepClone();
        refund["reason"] = r["reason"];
        refund["status"] = "succeeded";
        refund["metadata"] = MetadataOf(r);
        Save(refund);
        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = remaining - amount == 0;
        Raise("refund.created", refund, r);
        Raise("charge.refunded", charge, r);
        return StripeResponse.Ok(Copy(refund));
    }

    /// <summary>Lists a payment's refunds (GET /v1/refunds?payment_intent=…), newest first, as Stripe pages them.</summary>
    private StripeResponse ListRefunds(StripeRequest r)
    {
        if (Unknown(r, "payment_intent", "charge", "limit", "expand[") is { } unknown)
        {
            return unknown;
        }

        var refunds = _objects.Values
            .Where(o => (string?)o["object"] == "refund"
                && (r["payment_intent"] is not { } pi || (string?)o["payment_intent"] == pi)
                && (r["charge"] is not { } ch || (string?)o["charge"] == ch))
            .OrderByDescending(o => (long)o["created"]!)
            .Select(o => (JsonNode)Copy(o))
            .ToList();
        return StripeResponse.Ok(new JsonObject { ["object"] = "list", ["url"] = "/v1/refunds", ["has_more"] = false, ["data"] = new JsonArray([.. refunds]) });
    }

    /// <summary>The card's holder disputes the charge: Stripe opens a dispute (its own metadata is empty) and says so.</summary>
    private void Dispute(JsonObject charge, StripeRequest r)
    {
        var dispute = New("dp", "dispute");
        dispute["amount"] = charge["amount"]!.DeepClone();
        dispute["currency"] = charge["currency"]!.DeepClone();
        dispute["charge"] = charge["id"]!.DeepClone();
        dispute["payment_intent"] = charge["payment_intent"]!.DeepClone();
        dispute["reason"] = "fraudulent";
        dispute["status"] = "needs_response";
        dispute["metadata"] = new JsonObject();
        dispute["evidence_details"] = new JsonObject { ["due_by"] = clock.GetUtcNow().AddDays(7).ToUnixTimeSeconds(), ["has_evidence"] = false };
        Save(dispute);
        charge["disputed"] = true;
        Raise("charge.dispute.created", dispute, r);
    }

    // ---- shared ----

    private StripeResponse Read(string id, string kind) => Get(id, kind) is { } found ? StripeResponse.Ok(Copy(found)) : StripeResponse.Missing(kind, id);

    private StripeResponse ReadIntent(string id, string kind, StripeRequest r) =>
        Intent(id, kind, r) is { } found ? StripeResponse.Ok(Copy(found, browser: r.Caller == StripeCaller.Browser)) : StripeResponse.Missing(kind, id);

    /// <summary>An intent the caller may see: the server sees all; the browser only the one whose client secret it holds.</summary>
    private JsonObject? Intent(string id, string kind, StripeRequest r)
    {
        var intent = Get(id, kind);
        if (intent is null || r.Caller == StripeCaller.Server)
        {
            return intent;
        }

        var secret = (string?)intent["client_secret"] ?? "";
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(r["client_secret"] ?? "")) ? intent : null;
    }

    private static StripeResponse Unexpected(JsonObject intent, string action)
    {
        var kind = (string?)intent["object"] == "setup_intent" ? "SetupIntent" : "PaymentIntent";
        var code = kind == "SetupIntent" ? "setup_intent_unexpected_state" : "payment_intent_unexpected_state";
        return StripeResponse.Error(400, "invalid_request_error", code,
            $"You cannot {action} this {kind} because it has a status of {intent["status"]}.", null, e => e[kind == "SetupIntent" ? "setup_intent" : "payment_intent"] = Copy(intent));
    }

    private static StripeResponse CardError(string code, string message, string param) =>
        StripeResponse.Error(402, "card_error", code, message, param) with { IsParameterError = true };

    /// <summary>Stripe refuses parameters it does not know; <c>metadata[</c>-style entries allow any child.</summary>
    private static StripeResponse? Unknown(StripeRequest r, params string[] known)
    {
        foreach (var name in r.Form.Keys)
        {
            if (!known.Any(k => k.EndsWith('[') ? name.StartsWith(k, StringComparison.Ordinal) : name == k))
            {
                return StripeResponse.Invalid("parameter_unknown", $"Received unknown parameter: {name}", name);
            }
        }

        return null;
    }

    private static (StripeResponse? Error, long Value) Amount(StripeRequest r, string name, bool required)
    {
        if (r[name] is not { } text)
        {
            return required ? (StripeResponse.Invalid("parameter_missing", $"Missing required param: {name}.", name), 0) : (null, 0);
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return (StripeResponse.Invalid("parameter_invalid_integer", $"Invalid integer: {text}", name), 0);
        }

        if (value > 99_999_999)
        {
            return (StripeResponse.Invalid("amount_too_large", "Amount must be no more than $999,999.99", name), 0);
        }

        if (name == "amount" && r.Path == "/v1/payment_intents" && value < 50)
        {
            return (StripeResponse.Invalid("amount_too_small", "Amount must be at least $0.50 usd", name), 0);
        }

        if (value < 1)
        {
            return (StripeResponse.Invalid("parameter_invalid_integer", $"Invalid positive integer", name), 0);
        }

        return (null, value);
    }

    private static (StripeResponse? Error, string Value) Currency(StripeRequest r)
    {
        if (r["currency"] is not { } currency)
        {
            return (StripeResponse.Invalid("parameter_missing", "Missing required param: currency.", "currency"), "");
        }

        return Currencies.Contains(currency.ToLowerInvariant())
            ? (null, currency.ToLowerInvariant())
            : (StripeResponse.Invalid("parameter_invalid_empty", $"Invalid currency: {currency.ToLowerInvariant()}. Stripe currently supports these currencies: {string.Join(", ", Currencies)}", "currency"), "");
    }

    private static StripeResponse? Metadata(StripeRequest r)
    {
        var metadata = r.Under("metadata").ToList();
        if (metadata.Count > 50)
        {
            return StripeResponse.Invalid(null, "Invalid metadata: metadata cannot have more than 50 keys", "metadata");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > 40 || key.Contains('[') || key.Contains(']'))
            {
                return StripeResponse.Invalid(null, $"Invalid metadata: keys can be at most 40 characters long and may not contain brackets ({key})", $"metadata[{key}]");
            }

            if (value.Length > 500)
            {
                return StripeResponse.Invalid(null, $"Invalid metadata: values can be at most 500 characters long ({key})", $"metadata[{key}]");
            }
        }

        return null;
    }

    private static JsonObject MetadataOf(StripeRequest r)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in r.Under("metadata").Where(p => p.Value.Length > 0))
        {
            metadata[key] = value;
        }

        return metadata;
    }

    private static void MergeMetadata(JsonObject target, StripeRequest r)
    {
        var metadata = (JsonObject)target["metadata"]!;
        foreach (var (key, value) in r.Under("metadata"))
        {
            if (value.Length == 0)
            {
                metadata.Remove(key); // an empty value unsets the key
            }
            else
            {
                metadata[key] = value;
            }
        }
    }

    private JsonObject New(string prefix, string kind) => new()
    {
        ["id"] = $"{prefix}_{Random(24)}",
        ["object"] = kind,
        ["created"] = clock.GetUtcNow().ToUnixTimeSeconds(),
        ["livemode"] = false,
    };

    private void Save(JsonObject item) => _objects[(string)item["id"]!] = item;

    private JsonObject? Get(string id, string kind) =>
        _objects.TryGetValue(id, out var found) && (string?)found["object"] == kind ? found : null;

    /// <summary>What goes out: a copy without the fake's own fields; the browser never sees metadata (Stripe redacts it).</summary>
    private static JsonObject Copy(JsonObject item) => Copy(item, browser: false);

    private static JsonObject Copy(JsonObject item, bool browser)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove("_number");
        if (browser)
        {
            copy.Remove("metadata");
        }

        return copy;
    }

    private void Raise(string type, JsonObject item, StripeRequest r)
    {
        var evt = New("evt", "event");
        evt["api_version"] = global::Stripe.StripeConfiguration.ApiVersion;
        evt["type"] = type;
        evt["data"] = new JsonObject { ["object"] = Copy(item) };
        evt["pending_webhooks"] = 1;
        evt["request"] = new JsonObject { ["id"] = $"req_{Random(14)}", ["idempotency_key"] = r.IdempotencyKey };
        _events.Add(evt);
        _objects[(string)evt["id"]!] = evt;
        webhooks.Enqueue((JsonObject)evt.DeepClone());
    }

    private static string Random(int length)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
