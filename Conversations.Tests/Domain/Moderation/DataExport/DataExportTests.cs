using System.IO.Compression;
using System.Text.Json;
using Conversations.Bench.Generation;
using Conversations.Domain.Moderation;
using Conversations.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>Alone, so that the managed heap measured is the export's, not another test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}

/// <summary>"Download my data": everything of one's own, nothing of others beyond what one sees, streamed.</summary>
[Collection(MeasuredAloneCollection.Name)]
public class DataExportTests(DomainFixture fixture, ITestOutputHelper output) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Heavy_s_ten_thousand_conversations_stream_out_with_peak_memory_far_below_the_file_and_the_json_holds_exactly_them()
    {
        var shape = (Shape.Full with { LongConversations = 0 }).Scaled(0.001);
        await using (var source = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            (await new DataGenerator(source, shape, TextWriter.Null).GenerateAsync()).Should().BeTrue();
        }

        var heavy = Shape.PersonId(0);
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.zip");
        try
        {
            long baseline,
                peak,
                written;
            await using (var warmUp = new MeasuredStream(Stream.Null))
            {
                // Another person's export first: what stays after any first use (compiled queries, pools) is not the export's.
                (await fixture.Get<DataExport>().WriteAsync(Shape.PersonId(1), () => warmUp))
                    .Succeeded.Should()
                    .BeTrue();
            }

            await using (var file = new MeasuredStream(File.Create(path)))
            {
                baseline = GC.GetTotalMemory(forceFullCollection: true);
                (await fixture.Get<DataExport>().WriteAsync(heavy, () => file)).Succeeded.Should().BeTrue();
                (peak, written) = (file.PeakHeap, file.Written);
            }

            var growth = Math.Max(0, peak - baseline);
            output.WriteLine(
                $"heavy's archive: {written / 1024.0 / 1024.0:N1} MB; peak managed heap while writing it: {growth / 1024.0 / 1024.0:N1} MB above the {baseline / 1024.0 / 1024.0:N1} MB before"
            );
            written
                .Should()
                .BeGreaterThan(4 * 1024 * 1024, "10,000 conversations with 200,000 messages make a file of some size");
            growth
                .Should()
                .BeLessThan(written / 4, "the archive is written as it is read, a page of conversations at a time");

            await using var db = await fixture.DbAsync();
            var expected = await db
                .ConversationMembers.Where(m => m.ParticipantId == heavy)
                .Select(m => m.ConversationId)
                .ToListAsync();
            var expectedMessages = await db.Messages.CountAsync(m =>
                db.ConversationMembers.Any(c => c.ConversationId == m.ConversationId && c.ParticipantId == heavy)
            );
            await using var zip = await ZipFile.OpenReadAsync(path);
            zip.Entries.Select(e => e.FullName)
                .Should()
                .BeEquivalentTo([
                    "profile.json",
                    "follows.json",
                    "blocks.json",
                    "groups.json",
                    "conversations.json",
                    "reports.json",
                    "drafts.json",
                ]);
            await using var json = await zip.GetEntry("conversations.json")!.OpenAsync();
            using var conversations = await JsonDocument.ParseAsync(json);
            var ids = conversations.RootElement.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            ids.Should().HaveCount(10_000).And.BeEquivalentTo(expected, "exactly heavy's conversations");
            conversations
                .RootElement.EnumerateArray()
                .Sum(c => c.GetProperty("messages").GetArrayLength())
                .Should()
                .Be(expectedMessages);
            conversations
                .RootElement.EnumerateArray()
                .Should()
                .OnlyContain(c =>
                    c.GetProperty("participants").EnumerateArray().Count(p => p.GetProperty("isYou").GetBoolean()) == 1
                );
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A file written through a stream that cannot seek (as a response body cannot), counting what passes and sampling
    /// the live managed heap (after a full collection) at every megabyte.
    /// </summary>
    private sealed class MeasuredStream(Stream inner) : Stream
    {
        private long nextSample;

        public long Written { get; private set; }

        public long PeakHeap { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("A response body is written asynchronously.");

        public override async ValueTask WriteAsync(
            ReadOnlyMemory<byte> buffer,
            CancellationToken cancellationToken = default
        )
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
            if (Written >= nextSample)
            {
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: true));
                nextSample = Written + 1024 * 1024;
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() =>
            throw new InvalidOperationException("A response body is flushed asynchronously.");

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
