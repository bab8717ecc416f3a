using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Conversations.Bench.Circuits;

/// <summary>
/// The live objects of another .NET process by type: the process is asked for a full, blocking collection (the runtime's
/// own "GC heap collect" request over its diagnostics port, as <c>dotnet-gcdump</c> makes), then writes a dump of its
/// heap (the runtime's createdump, over the same port), which ClrMD walks. (Attaching ClrMD to the live process instead
/// hung now and then: a thread that ends while it is being stopped is waited for forever.)
/// </summary>
public sealed class HeapDump
{
    private HeapDump(
        long bytes,
        long objects,
        Dictionary<string, (long Bytes, long Count)> types,
        Dictionary<string, (long Bytes, long Count)> frames
    ) => (Bytes, Objects, Types, Frames) = (bytes, objects, types, frames);

    /// <summary>
    /// The render-tree frame arrays components hold, by component type: each keeps two (the tree it last rendered and
    /// the one it builds next), each as large as its largest render since.
    /// </summary>
    public IReadOnlyDictionary<string, (long Bytes, long Count)> Frames { get; }

    public long Bytes { get; }

    public long Objects { get; }

    /// <summary>Bytes and count per type.</summary>
    public IReadOnlyDictionary<string, (long Bytes, long Count)> Types { get; }

    /// <summary>Asks the process for a full, blocking collection and waits until <paramref name="collected"/> says it ran.</summary>
    /// <param name="collected">True once the process has run the collection asked for (its gen-2 count rose).</param>
    public static async Task CollectGarbageAsync(int pid, Func<Task<bool>> collected)
    {
        const long GCKeyword = 0x1,
            GCHeapCollectKeyword = 0x800000;
        var client = new DiagnosticsClient(pid);
        using (
            var session = client.StartEventPipeSession(
                new EventPipeProvider(
                    "Microsoft-Windows-DotNETRuntime",
                    EventLevel.Informational,
                    GCKeyword | GCHeapCollectKeyword
                ),
                requestRundown: false
            )
        )
        {
            var drain = session.EventStream.CopyToAsync(Stream.Null);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!await collected())
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException("the process did not collect its heap within 2 minutes");
                }

                await Task.Delay(100);
            }

            await session.StopAsync(CancellationToken.None);
            await drain;
        }
    }

    /// <param name="collected">True once the process has run the collection asked for (its gen-2 count rose).</param>
    /// <param name="file">Where the dump is written for a moment (as large as the heap).</param>
    public static async Task<HeapDump> CollectAsync(int pid, Func<Task<bool>> collected, string file)
    {
        await CollectGarbageAsync(pid, collected);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await new DiagnosticsClient(pid).WriteDumpAsync(
            DumpType.WithHeap,
            Path.GetFullPath(file),
            logDumpGeneration: false,
            CancellationToken.None
        );
        try
        {
            return Walk(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static HeapDump Walk(string file)
    {
        using var target = DataTarget.LoadDump(file);
        var clr = target.ClrVersions[0];
        // The runtime's own data-access library, beside its coreclr (no symbol server here; the version ClrMD reads from a
        // live process on Linux is 0.0, so the match is not asked).
        var dac = Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so");
        using var runtime = File.Exists(dac) ? clr.CreateRuntime(dac, ignoreMismatch: true) : clr.CreateRuntime();
        var types = new Dictionary<string, (long Bytes, long Count)>();
        var frames = new Dictionary<string, (long Bytes, long Count)>();
        long bytes = 0,
            objects = 0;
        foreach (var item in runtime.Heap.EnumerateObjects())
        {
            if (item.Type is not { } type || type.IsFree)
            {
                continue;
            }

            var size = (long)item.Size;
            var name = type.Name ?? "?";
            var (b, c) = types.GetValueOrDefault(name);
            types[name] = (b + size, c + 1);
            bytes += size;
            objects++;
            if (type.Name == "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState")
            {
                var component = item.ReadObjectField("<Component>k__BackingField").Type?.Name ?? "?";
                long held = 0;
                foreach (var tree in new[] { "<CurrentRenderTree>k__BackingField", "_nextRenderTree" })
                {
                    var builder = item.ReadObjectField(tree);
                    var array = builder.IsNull
                        ? default
                        : builder.ReadObjectField("_entries").ReadObjectField("_items");
                    held += array.IsNull ? 0 : (long)array.Size;
                }

                var (fb, fc) = frames.GetValueOrDefault(component);
                frames[component] = (fb + held, fc + 1);
            }
        }

        return new HeapDump(bytes, objects, types, frames);
    }

    /// <summary>The types that grew most from <paramref name="before"/> to this dump, per unit of <paramref name="per"/>.</summary>
    public IEnumerable<(string Type, double Bytes, double Count)> GrowthSince(HeapDump before, int per) =>
        Types
            .Select(t =>
            {
                var (b, c) = before.Types.GetValueOrDefault(t.Key);
                return (t.Key, (t.Value.Bytes - b) / (double)per, (t.Value.Count - c) / (double)per);
            })
            .OrderByDescending(t => t.Item2);
}
