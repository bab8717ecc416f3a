using Conversations.Domain.Moderation;
using Conversations.Domain.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    /// <summary>One open report per reporter and reported participant: a second is refused by this index, whatever the race.</summary>
    public const string OneOpenIndex = "IX_Reports_Open_Reporter_Target";

    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.ToTable("Reports");
        report.Property(r => r.Details).HasMaxLength(Moderation.Reports.DetailsMaxLength).IsRequired();
        report.HasOne<Participant>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<Participant>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Cascade);
        report
            .HasIndex(r => new { r.ReporterId, r.TargetId }, OneOpenIndex)
            .IsUnique()
            .HasFilter("\"ClosedAt\" IS NULL");
        report
            .HasIndex(r => new { r.TargetId, r.CreatedAt })
            .HasFilter("\"ClosedAt\" IS NULL")
            .HasDatabaseName("IX_Reports_Open_Target");
    }
}
