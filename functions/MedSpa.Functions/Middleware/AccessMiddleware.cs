using System.Reflection;
using MedSpa.Infrastructure.Identity;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MedSpa.Functions.Middleware;

/// <summary>
/// Authentication and authorization for HTTP functions. The token says who the caller is (validated JWT); our own
/// directory says which clinic and role they have; the function's [CallableBy]/[SignedIn]/[Anonymous] says who may call.
/// A function with no declaration is refused, so forgetting one fails closed.
/// </summary>
public sealed class AccessMiddleware(IAccessTokenValidator tokens, UserStore directory) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var method = FunctionMethods.Of(context);
        var anonymous = method?.GetCustomAttribute<AnonymousAttribute>() is not null;
        var signedInOnly = method?.GetCustomAttribute<SignedInAttribute>() is not null;
        var allowed = method?.GetCustomAttribute<CallableByAttribute>()?.Roles;
        if (!anonymous && !signedInOnly && allowed is null)
        {
            context.GetInvocationResult().Value = Problems.Forbidden("This function declares no access rule, so nobody may call it.");
            return;
        }

        var header = FunctionMethods.HttpOf(context).Request.Headers.Authorization.FirstOrDefault();
        if (header is null)
        {
            if (anonymous)
            {
                await next(context);
                return;
            }

            context.GetInvocationResult().Value = Problems.Unauthorized("Sign in and send the access token as a Bearer token.");
            return;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 16_384)
        {
            context.GetInvocationResult().Value = Problems.Unauthorized("The Authorization header must be 'Bearer <token>'.");
            return;
        }

        var (user, failure) = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), context.CancellationToken);
        if (user is null)
        {
            context.GetInvocationResult().Value = Problems.Unauthorized(failure ?? "The access token is not valid.");
            return;
        }

        var entry = await directory.FindAsync(user.Email, context.CancellationToken);
        var caller = entry is null ? null : new Caller(user.UserId, entry.Email, entry.DisplayName, entry.TenantId, entry.Role, entry.StaffId, entry.PatientId);
        context.SetCaller(user, caller);

        if (anonymous || signedInOnly)
        {
            await next(context);
            return;
        }

        if (caller is null)
        {
            context.GetInvocationResult().Value = Problems.Forbidden("Your sign-in is not linked to a clinic. Ask your clinic to add you.");
            return;
        }

        if (allowed is { } roles && !caller.Is(roles))
        {
            context.GetInvocationResult().Value = Problems.Forbidden("Your role does not allow this.");
            return;
        }

        await next(context);
    }
}
