using Conversations.Domain.Messaging;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class RecipientSearchTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Search_matches_names_and_nicknames_case_insensitively_ignoring_a_leading_at()
    {
        var searcher = await fixture.NewParticipantAsync("zz_searcher", name: "Zed Searcher");
        var zelda = await fixture.NewParticipantAsync("zelda_q", name: "Zelda Quinn");
        var quentin = await fixture.NewParticipantAsync("qqq_quentin", name: "Quentin Blake");

        var byNickname = (
            await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "@ZELDA")
        ).Value!;
        var byName = (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "QU")).Value!;

        byNickname.Select(o => o.Profile.Id).Should().Equal(zelda.Id);
        byName.Select(o => o.Profile.Id).Should().Contain([zelda.Id, quentin.Id]);
    }

    [Fact]
    public async Task The_searcher_never_finds_themselves()
    {
        var searcher = await fixture.NewParticipantAsync("selfie_one", name: "Selfie One");

        var results = (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "selfie")).Value!;

        results.Should().NotContain(o => o.Profile.Id == searcher.Id);
    }

    [Fact]
    public async Task At_most_ten_results_come_back_and_fewer_than_two_characters_find_nothing()
    {
        var searcher = await fixture.NewParticipantAsync();
        for (var i = 0; i < 12; i++)
        {
            await fixture.NewParticipantAsync($"many_{i}", name: $"Many Person {i}");
        }

        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "many"))
            .Value!.Should()
            .HaveCount(10);
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "m")).Value!.Should().BeEmpty();
        (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "@m")).Value!.Should().BeEmpty();
    }

    [Fact]
    public async Task Wildcards_in_the_query_are_taken_literally()
    {
        var searcher = await fixture.NewParticipantAsync();
        await fixture.NewParticipantAsync("under_score", name: "Under Score");
        await fixture.NewParticipantAsync("underxscore", name: "Underx Score");

        var results = (await fixture.Get<SearchRecipients>().HandleAsync(Actor.Person(searcher.Id), "r_s")).Value!;

        results.Select(o => o.Profile.Nickname).Should().Equal("under_score");
    }
}
