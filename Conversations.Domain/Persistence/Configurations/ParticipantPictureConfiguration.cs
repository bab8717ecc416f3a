using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ParticipantPictureConfiguration : IEntityTypeConfiguration<ParticipantPicture>
{
    public void Configure(EntityTypeBuilder<ParticipantPicture> picture)
    {
        picture.ToTable("ParticipantPictures");
        picture.HasKey(p => p.ParticipantId);
        picture.Property(p => p.ContentType).HasMaxLength(32).IsRequired();
        picture
            .HasOne<Participant>()
            .WithOne()
            .HasForeignKey<ParticipantPicture>(p => p.ParticipantId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
