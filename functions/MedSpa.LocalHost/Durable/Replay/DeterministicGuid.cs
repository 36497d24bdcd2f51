using System.Security.Cryptography;
using System.Text;

namespace MedSpa.LocalHost.Durable.Replay;

/// <summary>
/// Name-based (RFC 4122 version 5, SHA-1) UUIDs, as Durable Task's NewGuid: the same instance, orchestration time
/// and call counter always give the same Guid, on every replay (D.9).
/// </summary>
internal static class DeterministicGuid
{
    static readonly Guid Namespace = Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(string instanceId, DateTime currentUtcDateTime, int counter)
    {
        string name = $"{instanceId}_{currentUtcDateTime:o}_{counter.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        // RFC 4122 hashes the namespace in network byte order; Guid.ToByteArray is little-endian in its first three fields.
        byte[] namespaceBytes = Namespace.ToByteArray();
        ToNetworkOrder(namespaceBytes);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);

#pragma warning disable CA5350 // SHA-1 is what the UUID v5 algorithm (and upstream) specify; not used for security.
        byte[] hash = SHA1.HashData(input);
#pragma warning restore CA5350
        byte[] guid = hash[..16];
        guid[6] = (byte)((guid[6] & 0x0F) | (5 << 4));
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        ToNetworkOrder(guid);
        return new Guid(guid);
    }

    static void ToNetworkOrder(byte[] b)
    {
        (b[0], b[3]) = (b[3], b[0]);
        (b[1], b[2]) = (b[2], b[1]);
        (b[4], b[5]) = (b[5], b[4]);
        (b[6], b[7]) = (b[7], b[6]);
    }
}
