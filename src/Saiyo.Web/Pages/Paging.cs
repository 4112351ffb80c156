using Microsoft.EntityFrameworkCore;

namespace Saiyo.Web.Pages;

/// <summary>
/// One page of a long list (?p=N, 1-based). Reads one row more than it shows to know whether a next page exists,
/// so no COUNT(*) over a company's whole history. Rendered by the _Pager partial.
/// </summary>
public sealed record Paging(int Page, int PageSize, bool HasNext)
{
    public const string Parameter = "p";

    public bool HasPrevious => Page > 1;

    public static async Task<(List<T> Rows, Paging Paging)> ReadAsync<T>(IQueryable<T> ordered, int? page, int pageSize, CancellationToken ct)
    {
        // Anything odd in the query string is simply the first page.
        var p = page is > 0 and <= 100_000 ? page.Value : 1;
        var rows = await ordered.Skip((p - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
        var hasNext = rows.Count > pageSize;
        if (hasNext) rows.RemoveAt(rows.Count - 1);
        return (rows, new Paging(p, pageSize, hasNext));
    }
}
