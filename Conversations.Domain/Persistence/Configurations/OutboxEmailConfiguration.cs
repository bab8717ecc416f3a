using Conversations.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> email)
    {
        email.ToTable("EmailOutbox");
        email.HasKey(e => e.Id);
        email.Property(e => e.MessageId).HasMaxLength(300);
        email.HasIndex(e => e.MessageId).IsUnique();
        email.Property(e => e.To).HasMaxLength(256);
        email.Property(e => e.Subject).HasMaxLength(300);
        email.Property(e => e.ReplyTo).HasMaxLength(256);
        email.Property(e => e.InReplyTo).HasMaxLength(998);
        // The sender's turn: only emails still to send, oldest due first.
        email.HasIndex(e => e.DueAt, "IX_EmailOutbox_Due").HasFilter("\"SentAt\" IS NULL AND \"FailedAt\" IS NULL");
    }
}
