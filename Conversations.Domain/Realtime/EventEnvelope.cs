using System.Text.Json;
using Conversations.Domain.Common;

namespace Conversations.Domain.Realtime;

/// <summary>
/// How an event travels through PostgreSQL NOTIFY: the event and the participants it concerns. <see cref="Conversation"/>
/// is the group for a change of roles. "posted" envelopes are built in SQL by MessageAppender, with these same names.
/// </summary>
/// <param name="At">When the message was written ("posted" only): the relay measures the push's latency from it.</param>
internal sealed record EventEnvelope(
    string Kind,
    Guid Conversation,
    Guid Actor,
    long Seq,
    Guid[] To,
    DateTimeOffset? At = null
)
{
    public const string Channel = "conversation_events";

    public static EventEnvelope Read(ConversationRead e) =>
        new("read", e.ConversationId, e.ReaderId.Value, 0, [e.ReaderId.Value]);

    /// <summary>A message request was answered: the counts of whoever it was addressed to (a group's managers) change.</summary>
    public static EventEnvelope Answered(Guid conversation, PersonId person, Guid[] to) =>
        new("read", conversation, person.Value, 0, to);

    public static EventEnvelope RolesChanged(GroupRolesChanged e) =>
        new("roles", e.GroupId.Value, e.PersonId.Value, 0, [e.PersonId.Value]);

    public ConversationEvent ToEvent() =>
        Kind switch
        {
            "posted" => new MessagePosted(Conversation, new ParticipantId(Actor), Seq),
            "roles" => new GroupRolesChanged(new GroupId(Conversation), new PersonId(Actor)),
            _ => new ConversationRead(Conversation, new PersonId(Actor)),
        };

    public string ToJson() => JsonSerializer.Serialize(this);

    public static EventEnvelope? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<EventEnvelope>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
