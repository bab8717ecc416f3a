using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class SearchMessagesTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private SearchMessages Search => fixture.Get<SearchMessages>();

    /// <summary>The search taking one of its two ways whatever the words: the words' index, or the walk through conversations.</summary>
    private SearchMessages Through(bool wordsIndex) =>
        new(
            fixture.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Conversations.Domain.Persistence.ConversationsDbContext>>(),
            fixture.Get<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>()
        )
        {
            RareWords = wordsIndex ? double.MaxValue : -1,
        };

    private async Task<List<Guid>> FoundInAsync(Actor reader, string words, SearchMessages? search = null) =>
        [.. (await (search ?? Search).HandleAsync(reader, words)).Value!.Hits.Select(h => h.ConversationId)];

    private async Task<Participant> SpeakingAsync(string language, string? name = null)
    {
        var person = await fixture.NewParticipantAsync(name: name);
        (await fixture.Get<ParticipantLanguage>().SetAsync(person.Id, language)).Succeeded.Should().BeTrue();
        return person;
    }

    [Fact]
    public async Task Search_finds_only_conversations_the_reader_is_in_for_every_role_and_says_nothing_of_the_others()
    {
        var (alice, bob, carol, manager, member, former, stranger, gone) = (
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync(),
            await fixture.NewParticipantAsync()
        );
        var shy = await fixture.NewParticipantAsync(whoMayWrite: WhoMayWrite.StrangersAsRequests);
        var group = await fixture.NewGroupAsync(manager, admins: [former], members: [member]);
        var word = "zeppelin" + Guid.NewGuid().ToString("N")[..6]; // this test's own word, found nowhere else
        var own = (await fixture.StartAsync(alice, $"the {word} flies", bob)).Value!.ConversationId;
        var toGroup = (await fixture.WriteAsync(Actor.Person(carol.Id), $"our {word} club", group.Id))
            .Value!
            .ConversationId;
        var withGone = (await fixture.StartAsync(gone, $"a {word} from someone leaving", alice)).Value!.ConversationId;
        var request = (await fixture.StartAsync(stranger, $"a {word} for a stranger", shy)).Value!.ConversationId;
        await fixture.InScopeAsync<DeleteAccount, Result<bool>>(d =>
            d.HandleAsync(new DeleteAccountCommand(gone.Id, Registering.Password, true))
        );
        await fixture
            .Get<ChangeGroupRole>()
            .HandleAsync(
                new ChangeGroupRoleCommand(
                    new PersonId(manager.Id),
                    new GroupId(group.Id),
                    new PersonId(former.Id),
                    GroupRole.Member
                )
            );

        var expected = new (string Who, Actor Reader, Guid[] Finds)[]
        {
            ("a participant, with a conversation of a deleted account", Actor.Person(alice.Id), [withGone, own]),
            ("the other participant", Actor.Person(bob.Id), [own]),
            ("a group's writer, in their own name", Actor.Person(carol.Id), [toGroup]),
            ("a group's manager, for the group", manager.For(group), [toGroup]),
            ("a group's manager, in their own name", Actor.Person(manager.Id), []),
            ("a plain member, in their own name", Actor.Person(member.Id), []),
            ("a former manager, in their own name", Actor.Person(former.Id), []),
            ("the writer of a request", Actor.Person(stranger.Id), [request]),
            ("the one a request waits for", Actor.Person(shy.Id), [request]),
        };
        foreach (var wordsIndex in new[] { true, false })
        {
            foreach (var (who, reader, finds) in expected)
            {
                (await FoundInAsync(reader, word, Through(wordsIndex)))
                    .Should()
                    .Equal(finds, $"{who}, {(wordsIndex ? "through the words' index" : "walking the conversations")}");
            }
        }

        foreach (
            var (who, reader) in new[]
            {
                ("a plain member", member.For(group)),
                ("a former manager", former.For(group)),
            }
        )
        {
            (await Search.HandleAsync(reader, word))
                .Problem.Should()
                .Be(new NotFound(ProblemCodes.GroupNotFound), $"{who} has no group inbox to search");
        }

        await fixture
            .Get<AnswerRequest>()
            .HandleAsync(Actor.Person(shy.Id), new ConversationId(request), RequestAnswer.Decline);
        foreach (var wordsIndex in new[] { true, false })
        {
            (await FoundInAsync(Actor.Person(shy.Id), word, Through(wordsIndex)))
                .Should()
                .BeEmpty("a declined request is heard of no more");
        }

        (await Search.HandleAsync(Actor.Person(gone.Id), word))
            .Value!.Hits.Should()
            .BeEmpty("a deleted account reads nothing");
    }

    [Fact]
    public async Task Words_are_found_in_the_writers_language_with_accents_folded_whatever_language_they_are_typed_in()
    {
        var (jordi, amelie, alice) = (await SpeakingAsync("ca"), await SpeakingAsync("fr"), await SpeakingAsync("en"));
        var catalan = (await fixture.StartAsync(jordi, "Les bicicletes del carrer Major", alice)).Value!.ConversationId;
        var french = (await fixture.StartAsync(amelie, "Un vélo électrique pour la mairie", alice))
            .Value!
            .ConversationId;
        var english = (await fixture.ReplyAsync(alice, catalan, "The bikes are parked near the lanes")).Value!;

        (await FoundInAsync(Actor.Person(alice.Id), "bicicleta")).Should().Equal(catalan);
        (await FoundInAsync(Actor.Person(alice.Id), "velo")).Should().Equal(french);
        (await FoundInAsync(Actor.Person(alice.Id), "VÉLO électriques")).Should().Equal(french);
        (await FoundInAsync(Actor.Person(alice.Id), "bike lane")).Should().Equal(catalan);
        (await FoundInAsync(Actor.Person(alice.Id), "\"parked near\" -tram")).Should().Equal(catalan);
        (await FoundInAsync(Actor.Person(alice.Id), "the"))
            .Should()
            .BeEmpty("a word too common to mean anything finds nothing");
        var hit = (await Search.HandleAsync(Actor.Person(alice.Id), "bikes")).Value!.Hits.Single();
        hit.Seq.Should().Be(english.Seq);
        hit.Sender.Value.Should().Be(alice.Id);
        hit.Others.Select(o => o.Id).Should().Equal(jordi.Id);
        hit.Snippet.Should()
            .Be(
                $"The {SearchText.MarkStart}bikes{SearchText.MarkEnd} are parked near the lanes",
                "the words found are marked"
            );
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Results_come_newest_first_page_by_page_across_more_conversations_than_one_batch_holds(
        bool throughTheWordsIndex
    )
    {
        var search = Through(throughTheWordsIndex);
        var reader = await fixture.NewParticipantAsync();
        var word = "harbour" + Guid.NewGuid().ToString("N")[..6];
        var writers = await fixture.PeopleAsync(45);
        var sent = new List<long>();
        foreach (var (writer, i) in writers.Select((w, i) => (w, i)))
        {
            var id = (
                await fixture.StartAsync(writer, i % 3 == 0 ? $"nothing to see {i}" : $"{word} number {i}", reader)
            ).Value!;
            if (i % 3 != 0)
            {
                sent.Add(id.MessageId);
            }

            if (i == 1)
            {
                // An older conversation's newer match, then a message that does not match on top of it.
                sent.Add((await fixture.ReplyAsync(writer, id.ConversationId, $"{word} again")).Value!.MessageId);
                await fixture.ReplyAsync(writer, id.ConversationId, "and a last word");
            }
        }

        var pages = new List<MessageSearchPage>();
        MessageSearchCursor? cursor = null;
        do
        {
            var page = (await search.HandleAsync(Actor.Person(reader.Id), word, cursor, pageSize: 7)).Value!;
            pages.Add(page);
            cursor = page.Next;
        } while (cursor is not null);

        var hits = pages.SelectMany(p => p.Hits).ToList();
        hits.Select(h => h.MessageId).Should().BeEquivalentTo(sent, "every match once, across pages");
        hits.Should().BeInDescendingOrder(h => h.SentAt, "newest first");
        pages.Should().HaveCount(5).And.OnlyContain(p => p.Hits.Count <= 7);
    }

    [Theory]
    [InlineData("", ProblemCodes.SearchWordsEmpty)]
    [InlineData("   ", ProblemCodes.SearchWordsEmpty)]
    [InlineData("bell\u0007", ProblemCodes.SearchWordsNotPlain)]
    [InlineData("abc\u202Edef", ProblemCodes.SearchWordsNotPlain)]
    public async Task Words_that_cannot_be_searched_are_refused_with_a_typed_problem(string words, string code)
    {
        var alice = await fixture.NewParticipantAsync();
        (await Search.HandleAsync(Actor.Person(alice.Id), words))
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Single()
            .Code.Should()
            .Be(code);
        (await Search.HandleAsync(Actor.Person(alice.Id), new string('a', SearchText.MaxLength + 1)))
            .Problem.Should()
            .Be(new Invalid("Words", ProblemCodes.SearchWordsTooLong, SearchText.MaxLength));
    }
}
