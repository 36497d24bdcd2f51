namespace MedSpa.Functions.Platform;

/// <summary>Who the signed-in user is to MedSpa: their clinic, role and linked records.</summary>
public sealed class Me
{
    [Function("Me")]
    [SignedIn]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request, FunctionContext context)
    {
        if (context.FindCaller() is not { } caller)
        {
            return Problems.Forbidden("Your sign-in is not linked to a clinic. Ask your clinic to add you.");
        }

        return Responses.Json(new
        {
            caller.UserId,
            caller.Email,
            caller.DisplayName,
            caller.TenantId,
            Role = RoleNames.ToWire(caller.Role),
            caller.StaffId,
            caller.PatientId,
        });
    }
}
