using Conversations.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class EmailReplyAddressConfiguration : IEntityTypeConfiguration<EmailReplyAddress>
{
    public void Configure(EntityTypeBuilder<EmailReplyAddress> address)
    {
        address.ToTable("EmailReplyAddresses");
        address.HasKey(a => a.Key);
        address.Property(a => a.Key).HasMaxLength(EmailReplyAddress.KeyLength);
        // The cleaning of expired addresses: oldest first.
        address.HasIndex(a => a.ExpiresAt);
    }
}
