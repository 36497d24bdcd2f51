using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace MedSpa.Infrastructure.Identity;

/// <summary>
/// The local provider's RSA signing key, kept as a JWK set file in the data folder. The Node provider signs with it,
/// the API validates with its public half, and local dev tokens are signed with it too: one issuer, one key.
/// </summary>
public static class LocalSigningKey
{
    public static JsonWebKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(includePrivateParameters: true);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = Guid.NewGuid().ToString("N")[..16],
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                ["d"] = Base64UrlEncoder.Encode(p.D),
                ["p"] = Base64UrlEncoder.Encode(p.P),
                ["q"] = Base64UrlEncoder.Encode(p.Q),
                ["dp"] = Base64UrlEncoder.Encode(p.DP),
                ["dq"] = Base64UrlEncoder.Encode(p.DQ),
                ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
            };
            var temp = path + ".tmp";
            File.WriteAllText(temp, new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, path, overwrite: true);
        }

        return new JsonWebKeySet(File.ReadAllText(path)).Keys.Single();
    }

    /// <summary>The public half only: what a validator may hold.</summary>
    public static JsonWebKey PublicPart(JsonWebKey key) => new()
    {
        Kty = key.Kty,
        Kid = key.Kid,
        Alg = key.Alg,
        Use = key.Use,
        N = key.N,
        E = key.E,
    };
}
