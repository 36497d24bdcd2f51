using MedSpa.Core.Common;

namespace MedSpa.Infrastructure.Tests.Documents;

/// <summary>
/// What every document-store adapter must do, with Cosmos DB semantics. Each adapter's test class derives from this,
/// so SQLite and Cosmos are held to exactly the same behaviour.
/// </summary>
public abstract class DocumentStoreContract
{
    protected abstract IDocumentStore Store { get; }

    // Each test gets its own partition so suites can share one store (the Cosmos emulator is started once).
    private readonly string _pk = "tenant-" + Guid.NewGuid().ToString("N");

    public sealed record Item(string Id, string Name, int Rank, string? Tag = null, Nested? Detail = null);

    public sealed record Nested(string City);

    private Task<Document<Item>> Create(Item item, string? pk = null) => Store.CreateAsync("contract", pk ?? _pk, item.Id, item);

    [Fact]
    public async Task Created_documents_read_back_with_an_etag()
    {
        var created = await Create(new Item("a", "Alpha", 1, Detail: new Nested("Austin")));

        var read = await Store.ReadAsync<Item>("contract", _pk, "a");

        read.ShouldNotBeNull();
        read.Body.ShouldBe(new Item("a", "Alpha", 1, Detail: new Nested("Austin")));
        read.ETag.ShouldBe(created.ETag);
        read.ETag.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_conflict_and_keeps_the_original()
    {
        await Create(new Item("a", "Alpha", 1));

        await Should.ThrowAsync<DocumentConflictException>(() => Create(new Item("a", "Other", 2)));

        (await Store.ReadAsync<Item>("contract", _pk, "a"))!.Body.Name.ShouldBe("Alpha");
    }

    [Fact]
    public async Task The_same_id_in_another_partition_is_a_different_document()
    {
        await Create(new Item("a", "Alpha", 1));
        var otherPk = _pk + "-other";
        await Create(new Item("a", "Other clinic", 1), otherPk);

        (await Store.ReadAsync<Item>("contract", _pk, "a"))!.Body.Name.ShouldBe("Alpha");
        (await Store.ReadAsync<Item>("contract", otherPk, "a"))!.Body.Name.ShouldBe("Other clinic");
    }

    [Fact]
    public async Task Reading_a_missing_document_gives_null()
    {
        (await Store.ReadAsync<Item>("contract", _pk, "missing")).ShouldBeNull();
    }

    [Fact]
    public async Task Replace_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var created = await Create(new Item("a", "Alpha", 1));

        var replaced = await Store.ReplaceAsync("contract", _pk, "a", new Item("a", "Alpha 2", 2), created.ETag);

        replaced.ETag.ShouldNotBe(created.ETag);
        (await Store.ReadAsync<Item>("contract", _pk, "a"))!.Body.Name.ShouldBe("Alpha 2");
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var created = await Create(new Item("a", "Alpha", 1));
        await Store.ReplaceAsync("contract", _pk, "a", new Item("a", "First writer", 2), created.ETag);

        await Should.ThrowAsync<DocumentStaleException>(() => Store.ReplaceAsync("contract", _pk, "a", new Item("a", "Second writer", 3), created.ETag));

        (await Store.ReadAsync<Item>("contract", _pk, "a"))!.Body.Name.ShouldBe("First writer");
    }

    [Fact]
    public async Task Replacing_a_missing_document_is_not_found()
    {
        await Should.ThrowAsync<DocumentNotFoundException>(() => Store.ReplaceAsync("contract", _pk, "nope", new Item("nope", "x", 1), "\"whatever\""));
    }

    [Fact]
    public async Task Delete_removes_and_reports_whether_it_was_there()
    {
        await Create(new Item("a", "Alpha", 1));

        (await Store.DeleteAsync("contract", _pk, "a")).ShouldBeTrue();
        (await Store.DeleteAsync("contract", _pk, "a")).ShouldBeFalse();
        (await Store.ReadAsync<Item>("contract", _pk, "a")).ShouldBeNull();
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_refused()
    {
        var created = await Create(new Item("a", "Alpha", 1));
        await Store.ReplaceAsync("contract", _pk, "a", new Item("a", "Changed", 2), created.ETag);

        await Should.ThrowAsync<DocumentStaleException>(() => Store.DeleteAsync("contract", _pk, "a", created.ETag));
        (await Store.ReadAsync<Item>("contract", _pk, "a")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Queries_filter_inside_the_partition_only()
    {
        await Create(new Item("a", "Alpha", 1, "x"));
        await Create(new Item("b", "Beta", 2, "y"));
        await Create(new Item("c", "Gamma", 3, "x"));
        await Create(new Item("d", "Delta", 4, "x"), _pk + "-other");

        var page = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery().Where("tag", FilterOperator.Equal, "x"));

        page.Items.Select(d => d.Id).ShouldBe(["a", "c"]);
        page.ContinuationToken.ShouldBeNull();
    }

    [Fact]
    public async Task Queries_support_ranges_contains_and_nested_paths()
    {
        await Create(new Item("a", "alpha", 1, Detail: new Nested("Austin")));
        await Create(new Item("b", "beta", 2, Detail: new Nested("Boston")));
        await Create(new Item("c", "alphabet", 3, Detail: new Nested("Austin")));

        var ranged = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery()
            .Where("rank", FilterOperator.GreaterThanOrEqual, 2)
            .Where("rank", FilterOperator.LessThan, 4));
        var contains = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery().Where("name", FilterOperator.Contains, "alph"));
        var nested = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery().Where("detail.city", FilterOperator.Equal, "Austin"));

        ranged.Items.Select(d => d.Id).ShouldBe(["b", "c"]);
        contains.Items.Select(d => d.Id).ShouldBe(["a", "c"]);
        nested.Items.Select(d => d.Id).ShouldBe(["a", "c"]);
    }

    [Fact]
    public async Task Queries_order_by_a_property_in_either_direction()
    {
        await Create(new Item("a", "Charlie", 3));
        await Create(new Item("b", "Alpha", 1));
        await Create(new Item("c", "Bravo", 2));

        var ascending = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery { OrderBy = "name" });
        var descending = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery { OrderBy = "rank", Descending = true });

        ascending.Items.Select(d => d.Body.Name).ShouldBe(["Alpha", "Bravo", "Charlie"]);
        descending.Items.Select(d => d.Body.Rank).ShouldBe([3, 2, 1]);
    }

    [Fact]
    public async Task Pages_walk_every_document_once_in_order_with_ties_broken_by_id()
    {
        for (var i = 0; i < 23; i++)
        {
            await Create(new Item($"item-{i:00}", $"Name {i % 5}", i % 5));
        }

        var seen = new List<Item>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery { OrderBy = "rank", PageSize = 5, ContinuationToken = token });
            page.Items.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Items.Select(d => d.Body));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        pages.ShouldBe(5);
        seen.Select(i => i.Id).ShouldBe(seen.OrderBy(i => i.Rank).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id));
        seen.Select(i => i.Id).Distinct().Count().ShouldBe(23);
    }

    [Fact]
    public async Task Descending_pages_walk_every_document_once()
    {
        for (var i = 0; i < 12; i++)
        {
            await Create(new Item($"item-{i:00}", "n", i % 3));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync<Item>("contract", _pk, new DocumentQuery { OrderBy = "rank", Descending = true, PageSize = 5, ContinuationToken = token });
            seen.AddRange(page.Items.Select(d => d.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        seen.Count.ShouldBe(12);
        seen.Distinct().Count().ShouldBe(12);
    }

    [Fact]
    public async Task Concurrent_read_modify_replace_applies_every_increment_exactly_once()
    {
        await Store.CreateAsync("contract", _pk, "counter", new Counter(0));

        var workers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                while (true)
                {
                    var current = (await Store.ReadAsync<Counter>("contract", _pk, "counter"))!;
                    try
                    {
                        await Store.ReplaceAsync("contract", _pk, "counter", new Counter(current.Body.Value + 1), current.ETag);
                        break;
                    }
                    catch (DocumentStaleException)
                    {
                        // Someone else won this round: read again and retry, as every caller of the port must.
                    }
                }
            }
        }));
        await Task.WhenAll(workers);

        (await Store.ReadAsync<Counter>("contract", _pk, "counter"))!.Body.Value.ShouldBe(1000);
    }

    public sealed record Counter(int Value);
}
