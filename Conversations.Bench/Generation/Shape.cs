namespace Conversations.Bench.Generation;

/// <summary>
/// The size and skew of the generated platform: most people have a few conversations; <c>heavy</c> has 10,000 with
/// 200,000 messages; 1 % of conversations have 10 participants; 20 conversations have 5,000 messages each.
/// </summary>
public sealed record Shape(
    int People,
    int Conversations,
    long Messages,
    int HeavyConversations,
    int HeavyMessagesPerConversation,
    int LongConversations,
    int LongConversationMessages
)
{
    public static readonly Shape Full = new(100_000, 1_000_000, 10_000_000, 10_000, 20, 20, 5_000);

    /// <summary>A smaller platform of the same shape (for trying the tooling); heavy and the long conversations keep their size.</summary>
    public Shape Scaled(double factor) =>
        factor >= 1
            ? this
            : this with
            {
                People = Math.Max(HeavyConversations + 100, (int)(People * factor)),
                Conversations = Math.Max(HeavyConversations + LongConversations + 100, (int)(Conversations * factor)),
                Messages = Math.Max(
                    (long)HeavyConversations * HeavyMessagesPerConversation
                        + (long)LongConversations * LongConversationMessages
                        + 1_000,
                    (long)(Messages * factor)
                ),
            };

    public const string HeavyNickname = "heavy";
    public const string HeavyEmail = "heavy@example.org";
    public const string HeavyPassword = "Bench!2345";
    public const int TenPersonEvery = 100;

    public static Guid PersonId(int index) => new($"{index:x8}-0000-4000-8000-00000000b0b0");

    public static Guid ConversationId(int index) => new($"{index:x8}-0000-7000-8000-0000000c0c0c");
}
