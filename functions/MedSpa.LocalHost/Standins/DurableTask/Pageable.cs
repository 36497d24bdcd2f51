// Stand-ins for AsyncPageable<T>, Page<T> and Pageable (Microsoft.DurableTask.Abstractions), the Azure.Core-like
// paging shapes that DurableTaskClient.GetAllInstancesAsync returns.
using System.Runtime.CompilerServices;

namespace Microsoft.DurableTask;

public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default);

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages().WithCancellation(cancellationToken))
        {
            foreach (T value in page.Values)
            {
                yield return value;
            }
        }
    }
}

public sealed class Page<T>
    where T : notnull
{
    public Page(IReadOnlyList<T> values, string? continuationToken = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        ContinuationToken = continuationToken;
    }

    public IReadOnlyList<T> Values { get; }

    public string? ContinuationToken { get; }
}

public static class Pageable
{
    public static AsyncPageable<T> Create<T>(Func<string?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return Create<T>((token, _, ct) => pageFunc(token, ct));
    }

    public static AsyncPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new DelegatePageable<T>(pageFunc);
    }

    sealed class DelegatePageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage) : AsyncPageable<T>
        where T : notnull
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default)
            => Enumerate(continuationToken, pageSizeHint);

        async IAsyncEnumerable<Page<T>> Enumerate(string? token, int? size, [EnumeratorCancellation] CancellationToken ct = default)
        {
            // Keep fetching until a page comes back without a continuation token.
            do
            {
                Page<T> page = await fetchPage(token, size, ct);
                yield return page;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
