using System.Threading.Channels;
using Conversations.Domain.Persistence;
using Conversations.Domain.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Domain.Messaging;

/// <summary>
/// Group commit for replies. Replies that arrive while a write is under way on this server wait for it and are then
/// written together: one transaction, one batch of <see cref="AppendMessageStatement"/>s (each checks and writes its own
/// reply exactly as alone), one commit — so one WAL flush and three round trips serve many senders, and each sender is
/// answered only once their reply is durable.
/// <para>
/// Replies into one conversation always take the same lane, so lanes never wait for each other's conversation rows, and a
/// batch takes its senders' rate-limit rows in one order (by person): the lanes of one server cannot deadlock. A batch
/// that fails as a whole — a retried client token, a deadlock with another server — is written again one reply per
/// transaction, so one reply never fails another.
/// </para>
/// </summary>
public sealed class ReplyWriter : IAsyncDisposable
{
    /// <summary>At most this many replies in one transaction (a larger queue takes several turns).</summary>
    public const int MaxBatch = 64;

    private readonly IDbContextFactory<ConversationsDbContext> contexts;
    private readonly ConversationsMetrics metrics;
    private readonly ILogger<ReplyWriter> logger;
    private readonly Channel<Pending>[] lanes;
    private readonly Task[] loops;

    public ReplyWriter(
        IDbContextFactory<ConversationsDbContext> contexts,
        IOptions<MessagingOptions> options,
        ConversationsMetrics metrics,
        ILogger<ReplyWriter> logger
    )
    {
        this.contexts = contexts;
        this.metrics = metrics;
        this.logger = logger;
        lanes = Enumerable
            .Range(0, Math.Max(1, options.Value.WriteLanes))
            .Select(_ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        loops = lanes.Select(lane => Task.Run(() => RunAsync(lane.Reader))).ToArray();
    }

    /// <summary>Writes the reply (with the next replies of this lane) and answers after the commit: its id and sequence number, or null when the statement wrote nothing.</summary>
    internal Task<(long Id, long Seq)?> AppendAsync(
        AppendMessageArguments arguments,
        CancellationToken cancellationToken
    )
    {
        var pending = new Pending(arguments, cancellationToken);
        var lane = lanes[(int)((uint)arguments.Conversation.GetHashCode() % (uint)lanes.Length)];
        if (!lane.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ReplyWriter));
        }

        return pending.Completion.Task;
    }

    private async Task RunAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                // A sender that gave up before its turn is not written; once in a batch, the write goes through.
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        metrics.ReplyBatchWritten(batch.Count);
        if (batch.Count == 1)
        {
            await WriteAloneAsync(batch[0]);
            return;
        }

        var ordered = batch.OrderBy(p => p.Arguments.Sender.PersonId).ToList(); // stable: one sender's replies keep their order
        try
        {
            var written = await WriteTogetherAsync(ordered);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Completion.TrySetResult(written[i]);
            }
        }
        catch (CommitFailedException failed)
        {
            // The commit's outcome is unknown (the connection broke while committing): writing again could send twice, so
            // every sender hears of the failure, as they would of their own transaction's.
            foreach (var pending in ordered)
            {
                pending.Completion.TrySetException(failed.InnerException!);
            }
        }
        catch (Exception exception)
        {
            logger.LogInformation(
                exception,
                "A batch of {Count} replies failed as a whole before its commit; writing them one by one",
                batch.Count
            );
            foreach (var pending in ordered)
            {
                await WriteAloneAsync(pending);
            }
        }
    }

    private async Task<(long Id, long Seq)?[]> WriteTogetherAsync(List<Pending> ordered)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var opened = await OpenedConnection.OpenAsync(db, CancellationToken.None);
        await using var transaction = await opened.Connection.BeginTransactionAsync();
        await using var command = new NpgsqlBatch(opened.Connection, transaction);
        foreach (var pending in ordered)
        {
            command.BatchCommands.Add(AppendMessageStatement.Instance.BatchCommand(pending.Arguments));
        }

        var written = new (long Id, long Seq)?[ordered.Count];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                written[i] = await MessageAppender.WrittenAsync(reader, CancellationToken.None);
                await reader.NextResultAsync();
            }
        }

        try
        {
            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            throw new CommitFailedException(exception);
        }

        return written;
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var written = await MessageAppender.AppendAsync(db, pending.Arguments, CancellationToken.None);
            await transaction.CommitAsync();
            pending.Completion.TrySetResult(written);
        }
        catch (Exception exception)
        {
            pending.Completion.TrySetException(exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(loops); // what was queued is still written
    }

    private sealed class CommitFailedException(Exception inner) : Exception("The batch's commit failed.", inner);

    private sealed record Pending(AppendMessageArguments Arguments, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<(long Id, long Seq)?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
