using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class RegistrationTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_registered_participant_has_a_public_profile_under_their_nickname()
    {
        var result = await fixture.RegisterAsync("Newcomer", name: "  Nora Newcomer ");

        result.Succeeded.Should().BeTrue();
        var profile = await fixture.Get<FindProfile>().ByNicknameAsync("@NEWCOMER");
        profile.Should().NotBeNull();
        profile!.DisplayName.Should().Be("Nora Newcomer");
        profile.Nickname.Should().Be("newcomer");
        profile.HasPicture.Should().BeFalse();
    }

    [Fact]
    public async Task A_nickname_taken_in_another_case_is_refused_and_nothing_is_stored()
    {
        await fixture.NewParticipantAsync("taken_one");

        var result = await fixture.RegisterAsync("TAKEN_ONE", email: "other@example.org");

        result.Problem.Should().BeOfType<Invalid>().Which.Errors.Should()
            .ContainSingle(e => e.Field == "Nickname" && e.Message.Contains("@taken_one is already taken"));
        (await fixture.CountParticipantsAsync("taken_one")).Should().Be(1);
    }

    [Fact]
    public async Task An_email_that_is_already_registered_is_refused()
    {
        await fixture.RegisterAsync("first_mail", email: "same@example.org");

        var result = await fixture.RegisterAsync("second_mail", email: "SAME@example.org");

        result.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "Email");
        (await fixture.CountParticipantsAsync("second_mail")).Should().Be(0);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_what_to_fix()
    {
        var result = await fixture.RegisterAsync("weakling", password: "abc");

        var errors = result.Problem.Should().BeOfType<Invalid>().Which.Errors;
        errors.Should().NotBeEmpty().And.OnlyContain(e => e.Field == "Password");
        errors.Should().Contain(e => e.Message.Contains("at least 6 characters"));
        (await fixture.CountParticipantsAsync("weakling")).Should().Be(0);
    }

    [Fact]
    public async Task Every_missing_field_is_reported_at_once()
    {
        var result = await fixture.InScopeAsync<RegisterParticipant, Result<Participant>>(r => r.HandleAsync(new Registration(" ", "", " ", "")));

        result.Problem.Should().BeOfType<Invalid>().Which.Errors.Select(e => e.Field).Should()
            .BeEquivalentTo(["Email", "DisplayName", "Nickname", "Password"]);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_nickname_end_with_one_account()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => fixture.RegisterAsync("racer", email: $"racer{i}@example.org"));

        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().AllSatisfy(r =>
            r.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "Nickname"));
        (await fixture.CountParticipantsAsync("racer")).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_end_with_one_account()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => fixture.RegisterAsync($"mailrace{i}", email: "race@example.org"));

        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().AllSatisfy(r =>
            r.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "Email"));
    }
}
