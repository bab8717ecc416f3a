using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.ToTable("Conversations");
        conversation.Property(c => c.Id).ValueGeneratedNever();
        conversation.Property(c => c.ParticipantKey).HasMaxLength(10 * 33).IsRequired();
        conversation.HasIndex(c => c.ParticipantKey).IsUnique();
        conversation.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public const string InboxIndex = "IX_ConversationMembers_Inbox";

    public void Configure(EntityTypeBuilder<ConversationMember> member)
    {
        member.ToTable("ConversationMembers");
        member.HasKey(m => new { m.ConversationId, m.ParticipantId });

        // A participant's inbox, most recently active first, pages by seeking in this index; their unread total is an
        // index-only scan of their entries (LastSeq − LastReadSeq), however many conversations they have.
        member.HasIndex(m => new { m.ParticipantId, m.LastActivityAt, m.ConversationId }, InboxIndex) // read backwards: newest first
            .IncludeProperties(m => new { m.LastSeq, m.LastReadSeq });
        member.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public const string ClientTokenIndex = "IX_Messages_SenderId_ClientToken";

    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.ToTable("Messages");
        message.Property(m => m.Id).UseIdentityAlwaysColumn();
        message.Property(m => m.Body).IsRequired();
        message.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique(); // latest page, older pages, last message
        message.HasIndex(m => new { m.SenderId, m.ClientToken }).IsUnique().HasDatabaseName(ClientTokenIndex).HasFilter("\"ClientToken\" IS NOT NULL");
        message.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Participant>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Participant>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        message.HasIndex(m => m.AuthorId).HasFilter("\"AuthorId\" IS NOT NULL"); // only group messages have an author: keep the index small
    }
}

internal sealed class RateLimitBucketConfiguration : IEntityTypeConfiguration<RateLimitBucket>
{
    public void Configure(EntityTypeBuilder<RateLimitBucket> bucket)
    {
        bucket.ToTable("RateLimitBuckets");
        bucket.HasKey(b => new { b.ParticipantId, b.Kind });
        bucket.Property(b => b.Kind).HasMaxLength(16);
        bucket.HasOne<Participant>().WithMany().HasForeignKey(b => b.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
