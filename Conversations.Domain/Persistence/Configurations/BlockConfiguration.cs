using Conversations.Domain.Participants;
using Conversations.Domain.Relationships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.ToTable("Blocks");
        block.HasKey(b => new { b.BlockerId, b.BlockedId }); // "has R blocked S?" and R's blocked list
        block.HasIndex(b => b.BlockedId); // search hides those who blocked the searcher
        block.HasOne<Participant>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Restrict);
        block.HasOne<Participant>().WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Restrict);
    }
}
