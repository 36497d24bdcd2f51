namespace MedSpa.Core.Scheduling;

/// <summary>
/// Half-open spans in UTC ticks, sorted and merged (so both starts and ends ascend), answered by binary search: one
/// resource's taken spans, or the union of opening or working hours. Built once per request.
/// </summary>
internal sealed class BusyIndex
{
    public static readonly BusyIndex Empty = new([], []);

    private readonly long[] starts;
    private readonly long[] ends;

    private BusyIndex(long[] starts, long[] ends)
    {
        this.starts = starts;
        this.ends = ends;
    }

    public int Count => starts.Length;

    /// <summary>Sorts and merges half-open spans; empty or inverted spans are dropped.</summary>
    public static BusyIndex Build(List<(long Start, long End)>? spans)
    {
        if (spans is null || spans.Count == 0)
        {
            return Empty;
        }

        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var s = new long[spans.Count];
        var e = new long[spans.Count];
        int n = 0;
        foreach (var (start, end) in spans)
        {
            if (end <= start)
            {
                continue;
            }

            if (n > 0 && start <= e[n - 1])
            {
                if (end > e[n - 1])
                {
                    e[n - 1] = end;
                }

                continue;
            }

            s[n] = start;
            e[n] = end;
            n++;
        }

        if (n < s.Length)
        {
            Array.Resize(ref s, n);
            Array.Resize(ref e, n);
        }

        return new BusyIndex(s, e);
    }

    /// <summary>True when nothing taken overlaps <c>[start, end)</c>.</summary>
    public bool IsFree(long start, long end)
    {
        int i = FirstEndingAfter(start);
        return i == starts.Length || starts[i] >= end;
    }

    /// <summary>True when one merged span holds all of <c>[start, end]</c> (hours: the union of the ranges covers it).</summary>
    public bool Covers(long start, long end)
    {
        int i = FirstEndingAfter(start);
        return i < starts.Length && starts[i] <= start && end <= ends[i];
    }

    /// <summary>True when <paramref name="instant"/> lies in a span.</summary>
    public bool Contains(long instant)
    {
        int i = FirstEndingAfter(instant);
        return i < starts.Length && starts[i] <= instant;
    }

    /// <summary>How many ticks of <c>[start, end)</c> are taken.</summary>
    public long TakenTicks(long start, long end)
    {
        long total = 0;
        for (int i = FirstEndingAfter(start); i < starts.Length && starts[i] < end; i++)
        {
            total += Math.Min(end, ends[i]) - Math.Max(start, starts[i]);
        }

        return total;
    }

    // The first span whose end is after t (ends ascend because spans are merged).
    private int FirstEndingAfter(long t)
    {
        int lo = 0, hi = ends.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > t)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
