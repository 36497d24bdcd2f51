using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace MedSpa.Infrastructure.Identity;

/// <summary>Registers the token validator for the configured identity mode: the one place that chooses it.</summary>
public static class IdentityRegistration
{
    public static IServiceCollection AddMedSpaIdentity(this IServiceCollection services, IdentityOptions identity)
    {
        services.AddSingleton(identity);
        if (identity.IsLocal)
        {
            services.AddSingleton<IAccessTokenValidator, LocalAccessTokenValidator>();
            services.AddSingleton<DevTokenIssuer>();
            return services;
        }

        if (!identity.IsEntra && !identity.IsB2C)
        {
            throw new InvalidOperationException($"Identity:Mode '{identity.Mode}' is not known. Use local, entra or b2c.");
        }

        var (instance, tenantOrDomain, policy) = identity.AzureAuthority();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApi(
            jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidAudiences = [identity.Audience];
                if (identity.Issuer is { Length: > 0 })
                {
                    jwt.TokenValidationParameters.ValidIssuers = identity.ValidIssuers;
                }
            },
            ms =>
            {
                ms.Instance = instance;
                ms.ClientId = identity.Audience;
                if (policy is null)
                {
                    ms.TenantId = tenantOrDomain;
                }
                else
                {
                    ms.Domain = tenantOrDomain;
                    ms.SignUpSignInPolicyId = policy;
                }
            });
        services.AddSingleton<IAccessTokenValidator, MicrosoftIdentityTokenValidator>();
        return services;
    }
}
