using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public const string InboxIndex = "IX_ConversationMembers_Inbox";

    public const string RequestsIndex = "IX_ConversationMembers_Requests";

    public const string EmailDueIndex = "IX_ConversationMembers_EmailDue";

    public void Configure(EntityTypeBuilder<ConversationMember> member)
    {
        member.ToTable("ConversationMembers");
        member.HasKey(m => new { m.ConversationId, m.ParticipantId });

        // A participant's inbox, most recently active first, pages by seeking in this index; their unread total is an
        // index-only scan of their entries (LastSeq − LastReadSeq), however many conversations they have.
        member
            .HasIndex(
                m => new
                {
                    m.ParticipantId,
                    m.LastActivityAt,
                    m.ConversationId,
                },
                InboxIndex
            ) // read backwards: newest first
            .IncludeProperties(m => new
            {
                m.LastSeq,
                m.LastReadSeq,
                m.Request,
                m.Muted,
                m.ArchivedSeq,
            });
        member.Property(m => m.Request).HasConversion<short>().HasDefaultValue(MessageRequest.None);
        member.Property(m => m.Muted).HasDefaultValue(false);
        // A person's (or group's) rows that are not ordinary conversations (requests, declined ones) or are muted: few,
        // found without reading the inbox — the requests list and count, and what the badge's total leaves out
        // (Unread.PersonalTotalSql).
        member
            .HasIndex(
                m => new
                {
                    m.ParticipantId,
                    m.LastActivityAt,
                    m.ConversationId,
                },
                RequestsIndex
            )
            .HasFilter("\"Request\" <> 0 OR \"Muted\"")
            .IncludeProperties(m => new
            {
                m.LastSeq,
                m.LastReadSeq,
                m.Request,
                m.Muted,
            });
        // The email pass reads the rows whose unmailed message is older than the delay, oldest first: a range of this
        // index as long as the turn, however many rows wait for their delay to pass.
        member.HasIndex(m => m.UnmailedSince, EmailDueIndex).HasFilter("\"UnmailedSince\" IS NOT NULL");
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}
