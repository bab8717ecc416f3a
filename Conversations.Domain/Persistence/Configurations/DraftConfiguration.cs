using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> draft)
    {
        draft.ToTable("Drafts");
        draft.HasKey(d => new
        {
            d.PersonId,
            d.ParticipantId,
            d.Place,
        }); // one per person, as whom, where
        draft.Property(d => d.Place).HasMaxLength(DraftPlace.MaxKeyLength);
        draft.HasOne<Participant>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
