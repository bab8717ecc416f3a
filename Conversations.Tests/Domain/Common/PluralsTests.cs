using System.Globalization;
using Conversations.Domain.Common;

namespace Conversations.Tests.Domain.Common;

/// <summary>Which plural form a count takes in each language the platform speaks (CLDR).</summary>
public class PluralsTests
{
    [Theory]
    [InlineData("en", 0, false)]
    [InlineData("en", 1, true)]
    [InlineData("en", 2, false)]
    [InlineData("es", 1, true)]
    [InlineData("es", 0, false)]
    [InlineData("ca", 1, true)]
    [InlineData("ca", 21, false)]
    [InlineData("fr", 0, true)]
    [InlineData("fr", 1, true)]
    [InlineData("fr", 2, false)]
    public void One_is_singular_everywhere_and_zero_is_singular_in_French(string language, long count, bool singular)
    {
        Plurals.IsOne(CultureInfo.GetCultureInfo(language), count).Should().Be(singular);
    }
}
