using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Support;

/// <summary>Shorthands for the messaging use cases in tests.</summary>
public static class Messaging
{
    public static Task<Result<SentMessage>> StartAsync(
        this DomainFixture f,
        Participant from,
        string body,
        params Participant[] to
    ) =>
        f.Get<StartConversation>()
            .HandleAsync(new StartConversationCommand(Actor.Person(from.Id), to.Select(p => p.Id).ToList(), body));

    public static Task<Result<SentMessage>> ReplyAsync(
        this DomainFixture f,
        Participant from,
        Guid conversationId,
        string body,
        Guid? token = null
    ) =>
        f.Get<Reply>()
            .HandleAsync(new ReplyCommand(Actor.Person(from.Id), new ConversationId(conversationId), body, token));

    public static async Task<int> UnreadAsync(this DomainFixture f, Participant reader) =>
        (await f.Get<CountUnread>().HandleAsync(reader.Id)).Total;

    /// <summary>As if the person had not sent anything for a long while: their message bucket is full again.</summary>
    public static async Task ResetMessageBucketAsync(this DomainFixture f, Participant person)
    {
        await using var db = await f.DbAsync();
        await db.RateLimitBuckets.Where(b => b.ParticipantId == person.Id && b.Kind == "messages").ExecuteDeleteAsync();
    }

    public static async Task<Participant[]> PeopleAsync(this DomainFixture f, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => f.NewParticipantAsync()));
}
