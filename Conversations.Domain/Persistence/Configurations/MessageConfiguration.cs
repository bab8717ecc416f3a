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
        message.Property(m => m.SearchLanguage).HasMaxLength(Participants.Languages.MaxCodeLength);
        // Stored, so a search reads each candidate's words instead of parsing its text again; the configurations come first
        // (the migration SearchMessages creates them).
        message
            .Property(m => m.SearchVector)
            .HasColumnType("tsvector")
            .HasComputedColumnSql(
                $"to_tsvector({Messaging.SearchText.ConfigurationSql("\"SearchLanguage\"")}, \"Body\")",
                stored: true
            );
        message.HasIndex(m => m.SearchVector).HasMethod("GIN"); // a word few messages hold, found without reading the rest
    }
}
