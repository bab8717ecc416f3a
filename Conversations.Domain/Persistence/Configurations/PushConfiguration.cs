using Conversations.Domain.Participants;
using Conversations.Domain.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversations.Domain.Persistence;

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> subscription)
    {
        subscription.ToTable("PushSubscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Endpoint).HasMaxLength(2000);
        subscription.HasIndex(s => s.Endpoint).IsUnique(); // a device is one row
        subscription.HasIndex(s => s.PersonId); // the reply statement finds a recipient's devices by this index
        subscription.HasIndex(s => s.SessionId);
        subscription.HasOne<Participant>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        subscription
            .HasOne<SignInSession>()
            .WithMany()
            .HasForeignKey(s => s.SessionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushMessageConfiguration : IEntityTypeConfiguration<PushMessage>
{
    public const string DueIndex = "IX_PushMessages_Due";

    public void Configure(EntityTypeBuilder<PushMessage> push)
    {
        push.ToTable("PushMessages");
        push.HasKey(p => p.Id);
        push.HasIndex(p => new
            {
                p.SubscriptionId,
                p.ConversationId,
                p.Seq,
            })
            .IsUnique();
        push.HasIndex(p => p.DueAt, DueIndex); // a turn reads what is due; what is settled is deleted
        push.HasOne<PushSubscription>()
            .WithMany()
            .HasForeignKey(p => p.SubscriptionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VapidKeyConfiguration : IEntityTypeConfiguration<VapidKey>
{
    public void Configure(EntityTypeBuilder<VapidKey> key)
    {
        key.ToTable("VapidKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
    }
}

internal sealed class VisibleTabConfiguration : IEntityTypeConfiguration<VisibleTab>
{
    public void Configure(EntityTypeBuilder<VisibleTab> tab)
    {
        tab.ToTable("VisibleTabs");
        tab.HasKey(t => new { t.PersonId, t.ServerId }); // a sender asks by person: the key's first column
    }
}

internal sealed class ShownNotificationConfiguration : IEntityTypeConfiguration<ShownNotification>
{
    public void Configure(EntityTypeBuilder<ShownNotification> shown)
    {
        shown.ToTable("ShownNotifications");
        shown.HasKey(s => new { s.SubscriptionId, s.ConversationId });
        shown
            .HasOne<PushSubscription>()
            .WithMany()
            .HasForeignKey(s => s.SubscriptionId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
