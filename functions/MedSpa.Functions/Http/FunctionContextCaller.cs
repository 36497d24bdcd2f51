using MedSpa.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace MedSpa.Functions.Http;

public static class FunctionContextCaller
{
    private const string CallerKey = "MedSpa.Caller";
    private const string UserKey = "MedSpa.SignedInUser";

    /// <summary>The resolved caller; the access middleware guarantees it for every [CallableBy] function.</summary>
    public static Caller GetCaller(this FunctionContext context) =>
        context.Items.TryGetValue(CallerKey, out var caller) ? (Caller)caller : throw new InvalidOperationException("No caller: is the function marked [CallableBy]?");

    public static Caller? FindCaller(this FunctionContext context) => context.Items.TryGetValue(CallerKey, out var caller) ? (Caller)caller : null;

    public static SignedInUser? FindSignedInUser(this FunctionContext context) => context.Items.TryGetValue(UserKey, out var user) ? (SignedInUser)user : null;

    internal static void SetCaller(this FunctionContext context, SignedInUser user, Caller? caller)
    {
        context.Items[UserKey] = user;
        if (caller is not null)
        {
            context.Items[CallerKey] = caller;
        }
    }

    /// <summary>The HTTP status the invocation ended with (for the audit log).</summary>
    public static int ResultStatus(this FunctionContext context) => context.GetInvocationResult().Value switch
    {
        IStatusCodeActionResult { StatusCode: { } status } => status,
        _ => context.GetHttpContext()?.Response.StatusCode ?? 200,
    };
}
