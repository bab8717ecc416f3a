using System.Collections.Concurrent;
using Conversations.Domain.Messaging;
using Conversations.Domain.Realtime;
using Conversations.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.Tests.Domain;

/// <summary>One person's live count on a server, with the database's answers played by the test.</summary>
public class UnreadStateTests
{
    [Fact]
    public async Task A_watcher_slow_to_take_a_count_hears_the_next_one_after_it_never_before()
    {
        var answers = 0;
        var state = new UnreadState(
            Guid.NewGuid(),
            _ => Task.FromResult(new UnreadCounts(Interlocked.Increment(ref answers) - 1, [])),
            NullLogger.Instance
        );
        var heard = new ConcurrentQueue<int>();
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        state.Add(async counts =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await slow.Task; // the first telling is slow (a tab on a bad connection)
            }

            heard.Enqueue(counts.Total);
        });
        state.Recount();
        (await state.CurrentAsync(CancellationToken.None)).Total.Should().Be(0, "the starting count");

        state.Recount(); // a message: count 1, told to the slow watcher
        state.Recount(); // another, while the watcher still takes count 1

        answers.Should().Be(2, "no count starts while the last one is still being told; the new event waits for it");
        slow.SetResult();
        await Eventually.TrueAsync(() => heard.Count == 2, "both counts are told", TimeSpan.FromSeconds(10));
        heard.Should().Equal([1, 2], "in the order they were counted, so the last one heard is the true one");
    }

    [Fact]
    public async Task A_count_that_fails_is_tried_again_so_the_watchers_end_on_the_true_count()
    {
        var fail = false;
        var truth = 0;
        var state = new UnreadState(
            Guid.NewGuid(),
            _ =>
                fail
                    ? Task.FromException<UnreadCounts>(new TimeoutException("the pool is busy"))
                    : Task.FromResult(new UnreadCounts(truth, [])),
            NullLogger.Instance
        );
        var heard = new ConcurrentQueue<int>();
        state.Add(counts =>
        {
            heard.Enqueue(counts.Total);
            return Task.CompletedTask;
        });
        state.Recount();
        await state.CurrentAsync(CancellationToken.None);

        (fail, truth) = (true, 1);
        state.Recount(); // the message's count fails
        fail = false;

        await Eventually.TrueAsync(
            () => heard.LastOrDefault() == 1,
            "the failed count is tried again",
            TimeSpan.FromSeconds(10)
        );
        state.Stop();
    }
}
