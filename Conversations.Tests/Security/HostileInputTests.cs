using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Security;

/// <summary>Every hostile payload is stored exactly as typed wherever free text goes, and refused where a nickname goes.</summary>
public class HostileInputTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    public static TheoryData<int> Payloads() => new(Enumerable.Range(0, HostilePayloads.Xss.Count));

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_hostile_payload_is_stored_as_given_in_messages_names_and_group_descriptions_and_refused_as_a_nickname(
        int index
    )
    {
        var payload = HostilePayloads.Xss[index];
        var (author, reader) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());

        var sent = await fixture.StartAsync(author, payload, reader);
        var name =
            payload.Length <= ProfileText.DisplayNameMaxLength
                ? payload.Trim()
                : payload[..ProfileText.DisplayNameMaxLength].Trim();
        var renamed = await fixture.Get<UpdateProfile>().HandleAsync(author.Id, new ProfileChanges(name, payload));
        var group = await fixture
            .Get<CreateGroup>()
            .HandleAsync(new CreateGroupCommand(author.Id, name, "g" + Guid.NewGuid().ToString("N")[..10], payload));
        var asNickname = await fixture
            .Get<CreateGroup>()
            .HandleAsync(new CreateGroupCommand(author.Id, "Hostile", payload, ""));

        (
            await fixture
                .Get<GetConversation>()
                .HandleAsync(Actor.Person(reader.Id), new ConversationId(sent.Value!.ConversationId))
        )
            .Value!.Messages.Single()
            .Body.Should()
            .Be(payload);
        renamed.Value.Should().BeEquivalentTo(new { DisplayName = name, About = payload.Trim() });
        group.Value!.About.Should().Be(payload.Trim());
        (await fixture.Get<GetGroup>().HandleAsync(group.Value.Nickname, null))
            .Value!.Group.DisplayName.Should()
            .Be(name);
        asNickname.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().Contain(e => e.Field == "Nickname");
    }
}
