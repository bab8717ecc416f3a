using Conversations.Domain.Common;
using Conversations.Domain.Moderation;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>A block stops the emails too: none to the blocked person, none to others about what they wrote.</summary>
public class BlockedEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [Fact]
    public async Task After_a_block_nobody_is_mailed_about_the_blocked_person_s_messages_and_the_blocked_person_is_mailed_nothing()
    {
        var (bob, carol, mallory) = (
            await fixture.NewParticipantAsync(name: "Bob Mailed"),
            await fixture.NewParticipantAsync(name: "Carol Mailed"),
            await fixture.NewParticipantAsync(name: "Mallory Muted")
        );
        var admin = await fixture.NewParticipantAsync(name: "Rosa Mail Moderator");
        await fixture.Get<Administrators>().GrantAsync(admin.Email!);
        fixture.Clock.Ahead = TimeSpan.Zero;
        await fixture.StartAsync(mallory, "buy my watches", bob);
        var withCarol = (await fixture.StartAsync(mallory, "hello Carol", carol)).Value!.ConversationId;
        await fixture.ReplyAsync(carol, withCarol, "hello Mallory, and Bob says hi");

        (await fixture.Get<PlatformBlocks>().BlockAsync(new PersonId(admin.Id), new ParticipantId(mallory.Id), "spam"))
            .Succeeded.Should()
            .BeTrue();
        await fixture.MailAfterAsync(TimeSpan.FromMinutes(6));

        fixture.Smtp.To(bob.Email).Should().BeEmpty("Bob's only unread message is from the blocked person");
        fixture.Smtp.To(carol.Email).Should().BeEmpty("Carol's unread message is from the blocked person");
        fixture.Smtp.To(mallory.Email).Should().BeEmpty("the blocked person is mailed nothing");
    }
}
