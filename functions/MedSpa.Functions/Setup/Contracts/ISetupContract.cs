namespace MedSpa.Functions.Setup.Contracts;

/// <summary>
/// The API's shape of a setup item: the fields a client sends and reads back, apart from the domain type, so that
/// renaming a domain property is a compile error here instead of a silent change to the API (and storage-only fields
/// never reach the wire). What the server owns (id, etag, deleted, dates, display name) is added on the way out by
/// <see cref="SetupFunctions{TItem, TContract}"/>; a client may send it back and it is ignored.
/// The small value records inside (Address, OpeningHours, Money...) are shared with the domain; their wire paths are
/// pinned by the API contract test.
/// </summary>
public interface ISetupContract<TItem, TSelf>
    where TItem : SetupItem
    where TSelf : ISetupContract<TItem, TSelf>
{
    /// <summary>The item as the client asked for it; the store stamps the server-owned fields and validates it.</summary>
    TItem ToItem();

    static abstract TSelf From(TItem item);
}
