using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class NicknameTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("alice_99", "alice_99")]
    [InlineData("@Alice", "alice")]
    [InlineData("  Bob_2  ", "bob_2")]
    [InlineData("abcdefghij0123456789", "abcdefghij0123456789")]
    public void A_valid_nickname_is_kept_in_its_lower_case_form(string input, string expected) =>
        Nickname.Parse(input).Value.Should().Be(expected);

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghij0123456789x")]
    [InlineData("al ice")]
    [InlineData("al-ice")]
    [InlineData("alicé")]
    [InlineData("ali.ce")]
    [InlineData("<script>")]
    public void A_nickname_outside_the_rules_is_refused_with_the_rule(string input)
    {
        var result = Nickname.Parse(input);

        result.Succeeded.Should().BeFalse();
        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Should()
            .ContainSingle(e =>
                e.Field == "Nickname"
                && e.InEnglish() == "A nickname has 3 to 20 characters: lower-case letters a–z, digits and _."
            );
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_missing_nickname_is_asked_for(string? input) =>
        Nickname.Parse(input).Problem!.InEnglish().Should().Be("Choose a nickname.");
}
