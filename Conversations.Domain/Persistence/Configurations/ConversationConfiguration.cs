using Conversations.Domain.Messaging;
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
        conversation
            .HasMany(c => c.Members)
            .WithOne()
            .HasForeignKey(m => m.ConversationId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
