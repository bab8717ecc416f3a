using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ModerationActionConfiguration : IEntityTypeConfiguration<ModerationAction>
{
    public void Configure(EntityTypeBuilder<ModerationAction> action)
    {
        action.ToTable("ModerationActions");
        action.Property(a => a.Reason).HasMaxLength(Moderation.Reports.DetailsMaxLength).IsRequired();
        action.HasOne<Participant>().WithMany().HasForeignKey(a => a.ModeratorId).OnDelete(DeleteBehavior.Restrict);
        action.HasOne<Participant>().WithMany().HasForeignKey(a => a.TargetId).OnDelete(DeleteBehavior.Restrict);
        action.HasIndex(a => a.At);
    }
}
