using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

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
