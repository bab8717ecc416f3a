using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public const string ClientTokenIndex = "IX_Messages_SenderId_ClientToken";

    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.ToTable("Messages");
        message.Property(m => m.Id).UseIdentityAlwaysColumn();
        message.Property(m => m.Body).IsRequired();
        message.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique(); // latest page, older pages, last message
        message
            .HasIndex(m => new { m.SenderId, m.ClientToken })
            .IsUnique()
            .HasDatabaseName(ClientTokenIndex)
            .HasFilter("\"ClientToken\" IS NOT NULL");
        message
            .HasOne<Conversation>()
            .WithMany()
            .HasForeignKey(m => m.ConversationId)
            .OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Participant>().WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Participant>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        message.HasIndex(m => m.AuthorId).HasFilter("\"AuthorId\" IS NOT NULL"); // only group messages have an author: keep the index small
    }
}
