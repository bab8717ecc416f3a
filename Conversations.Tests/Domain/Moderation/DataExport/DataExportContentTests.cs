using System.IO.Compression;
using System.Text.Json;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Moderation;
using Conversations.Domain.Relationships;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain.Moderation;

/// <summary>"Download my data" holds everything of one's own and nothing of others beyond what one already sees.</summary>
public class DataExportContentTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task The_archive_holds_the_person_s_own_data_and_nothing_of_others_they_cannot_see()
    {
        var (alice, bob, carol, mallory) = (
            await fixture.NewParticipantAsync(name: "Alice Export"),
            await fixture.NewParticipantAsync(name: "Bob Export"),
            await fixture.NewParticipantAsync(name: "Carol Export"),
            await fixture.NewParticipantAsync(name: "Mallory Export")
        );
        var mine = (await fixture.StartAsync(alice, "hello Bob", bob)).Value!;
        await fixture.ReplyAsync(bob, mine.ConversationId, "hello Alice");
        await fixture.StartAsync(bob, "a secret between Bob and Carol", carol);
        var spam = (await fixture.StartAsync(mallory, "cheap watches", alice)).Value!;
        await fixture
            .Get<FollowParticipant>()
            .HandleAsync(new PersonId(alice.Id), new ParticipantId(bob.Id), follow: true);
        await fixture
            .Get<FollowParticipant>()
            .HandleAsync(new PersonId(carol.Id), new ParticipantId(alice.Id), follow: true);
        await fixture
            .Get<BlockParticipant>()
            .HandleAsync(new PersonId(alice.Id), new ParticipantId(mallory.Id), block: true);
        var group = (
            await fixture
                .Get<CreateGroup>()
                .HandleAsync(
                    new CreateGroupCommand(alice.Id, "Export Garden", "export_" + Guid.NewGuid().ToString("N")[..8], "")
                )
        ).Value!;
        await fixture.ReportAsync(alice, mallory, ReportReason.Spam, "adverts", spam.MessageId);
        await fixture
            .Get<Drafts>()
            .SaveAsync(
                Actor.Person(alice.Id),
                DraftPlace.InConversation(new ConversationId(mine.ConversationId)),
                "a reply I never sent"
            );
        await fixture
            .Get<Drafts>()
            .SaveAsync(
                Actor.Person(bob.Id),
                DraftPlace.InConversation(new ConversationId(mine.ConversationId)),
                "Bob's own draft"
            );

        var files = await ExportAsync(alice.Id);

        files["profile.json"].GetProperty("nickname").GetString().Should().Be(alice.Nickname);
        files["profile.json"].GetProperty("email").GetString().Should().Be(alice.Email);
        files["profile.json"]
            .GetProperty("settings")
            .GetProperty("acceptsMessagesFromAnyone")
            .GetBoolean()
            .Should()
            .BeTrue();
        files["follows.json"]
            .GetProperty("following")
            .EnumerateArray()
            .Select(f => f.GetProperty("nickname").GetString())
            .Should()
            .Equal(bob.Nickname);
        files["follows.json"]
            .GetProperty("followers")
            .GetInt32()
            .Should()
            .Be(1, "how many follow her is public; who, the page never says");
        files["blocks.json"]
            .GetProperty("blocked")
            .EnumerateArray()
            .Select(f => f.GetProperty("nickname").GetString())
            .Should()
            .Equal(mallory.Nickname);
        files["groups.json"]
            .EnumerateArray()
            .Should()
            .ContainSingle()
            .Which.GetProperty("role")
            .GetString()
            .Should()
            .Be("creator");
        _ = group;
        var conversations = files["conversations.json"].EnumerateArray().ToList();
        conversations
            .Select(c => c.GetProperty("id").GetGuid())
            .Should()
            .BeEquivalentTo([mine.ConversationId, spam.ConversationId]);
        conversations
            .SelectMany(c => c.GetProperty("messages").EnumerateArray())
            .Select(m => m.GetProperty("text").GetString())
            .Should()
            .BeEquivalentTo(["hello Bob", "hello Alice", "cheap watches"])
            .And.NotContain("a secret between Bob and Carol");
        var report = files["reports.json"].EnumerateArray().Should().ContainSingle().Subject;
        report.GetProperty("about").GetString().Should().Be(mallory.Nickname);
        report.GetProperty("sharedMessage").GetString().Should().Be("cheap watches");
        files["drafts.json"]
            .EnumerateArray()
            .Select(d => d.GetProperty("text").GetString())
            .Should()
            .Equal("a reply I never sent");
        (await fixture.Get<DataExport>().WriteAsync(Guid.NewGuid(), () => Stream.Null))
            .Problem.Should()
            .BeOfType<NotFound>("nobody's archive for an unknown person");
    }

    private async Task<Dictionary<string, JsonElement>> ExportAsync(Guid personId)
    {
        using var buffer = new MemoryStream();
        (await fixture.Get<DataExport>().WriteAsync(personId, () => buffer)).Succeeded.Should().BeTrue();
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(
            e => e.FullName,
            e =>
            {
                using var stream = e.Open();
                return JsonDocument.Parse(stream).RootElement.Clone();
            }
        );
    }
}
