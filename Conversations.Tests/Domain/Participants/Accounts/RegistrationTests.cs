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

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle(e => e.Field == "Nickname" && e.InEnglish().Contains("@taken_one is already taken"));
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
        errors.Should().Contain(e => e.InEnglish().Contains("at least 10 characters"));
        (await fixture.CountParticipantsAsync("weakling")).Should().Be(0);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("Qwertyuiop")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("IloveYou12")]
    [InlineData("Football123")]
    public async Task A_commonly_used_password_is_refused_in_any_case(string password)
    {
        var nickname = "common_" + Guid.NewGuid().ToString("N")[..8];

        var result = await fixture.RegisterAsync(nickname, password: password);

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Password", ProblemCodes.PasswordCommon));
        (await fixture.CountParticipantsAsync(nickname)).Should().Be(0);
    }

    [Fact]
    public async Task A_long_uncommon_password_needs_no_digit_capital_or_sign()
    {
        var result = await fixture.RegisterAsync(
            "phrase_" + Guid.NewGuid().ToString("N")[..8],
            password: "purple tram river"
        );

        result.Succeeded.Should().BeTrue(result.Problem?.InEnglish());
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u3164")]
    [InlineData("\u2800 \u2800")]
    [InlineData("\u00A0\u2060\uFEFF")]
    [InlineData("\u0301\u0301")]
    public async Task A_name_of_invisible_characters_only_is_refused(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var nickname = "ghost_" + Guid.NewGuid().ToString("N")[..8];

        var result = await fixture.RegisterAsync(nickname, name: name);

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle()
            .Which.Field.Should()
            .Be("DisplayName");
        (await fixture.CountParticipantsAsync(nickname)).Should().Be(0);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Support")]
    [InlineData("moderator_1")]
    [InlineData("_staff")]
    [InlineData("postmaster")]
    public async Task A_reserved_nickname_cannot_be_registered(string nickname)
    {
        var result = await fixture.RegisterAsync(nickname, email: $"{Guid.NewGuid():N}@example.org");

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Nickname", ProblemCodes.NicknameReserved));
    }

    [Fact]
    public async Task A_nickname_that_only_contains_a_reserved_word_is_free()
    {
        (await fixture.RegisterAsync("admiral_" + Guid.NewGuid().ToString("N")[..6])).Succeeded.Should().BeTrue();
        (await fixture.RegisterAsync("the_support_band")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task An_email_address_over_254_characters_or_of_no_address_shape_is_refused()
    {
        var tooLong = await fixture.RegisterAsync("long_mail", email: new string('a', 243) + "@example.org");
        var shapeless = await fixture.RegisterAsync("shapeless", email: "not an address");

        tooLong
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Email", ProblemCodes.EmailTooLong, 254));
        tooLong.Problem!.InEnglish().Should().Be("An email address has at most 254 characters.");
        shapeless
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .Equal(new FieldError("Email", ProblemCodes.EmailInvalid));
        (await fixture.CountParticipantsAsync("long_mail")).Should().Be(0);
    }

    [Fact]
    public async Task Every_missing_field_is_reported_at_once()
    {
        var result = await fixture.InScopeAsync<RegisterParticipant, Result<Participant>>(r =>
            r.HandleAsync(new Registration(" ", "", " ", ""))
        );

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Select(e => e.Field)
            .Should()
            .BeEquivalentTo(["Email", "DisplayName", "Nickname", "Password"]);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_nickname_end_with_one_account()
    {
        var attempts = Enumerable
            .Range(0, 8)
            .Select(i => fixture.RegisterAsync("racer", email: $"racer{i}@example.org"));

        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results
            .Where(r => !r.Succeeded)
            .Should()
            .AllSatisfy(r =>
                r.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "Nickname")
            );
        (await fixture.CountParticipantsAsync("racer")).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_email_end_with_one_account()
    {
        var attempts = Enumerable
            .Range(0, 8)
            .Select(i => fixture.RegisterAsync($"mailrace{i}", email: "race@example.org"));

        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results
            .Where(r => !r.Succeeded)
            .Should()
            .AllSatisfy(r =>
                r.Problem.Should().BeOfType<Invalid>().Which.Errors.Should().ContainSingle(e => e.Field == "Email")
            );
    }
}
