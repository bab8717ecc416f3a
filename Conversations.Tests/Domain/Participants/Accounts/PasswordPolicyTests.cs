using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;

namespace Conversations.Tests.Domain.Participants.Accounts;

/// <summary>The password rules on their own (registering and resetting use them through Identity: RegistrationTests).</summary>
public class PasswordPolicyTests
{
    [Theory]
    [InlineData("password123")]
    [InlineData("PASSWORD123")]
    [InlineData("  qwertyuiop ")]
    public void A_common_password_is_known_in_any_case_and_with_spaces_around(string password)
    {
        PasswordPolicy.IsCommon(password).Should().BeTrue();
    }

    [Fact]
    public void A_phrase_of_a_few_words_is_not_common()
    {
        PasswordPolicy.IsCommon("river lanterns at dusk").Should().BeFalse();
    }

    [Fact]
    public void Length_and_variety_count_not_kinds_of_characters()
    {
        var options = new PasswordOptions();
        PasswordPolicy.Apply(options);

        options.RequiredLength.Should().Be(PasswordPolicy.MinLength).And.Be(10);
        (options.RequireDigit || options.RequireLowercase || options.RequireUppercase || options.RequireNonAlphanumeric)
            .Should()
            .BeFalse();
        options.RequiredUniqueChars.Should().Be(4);
    }
}
