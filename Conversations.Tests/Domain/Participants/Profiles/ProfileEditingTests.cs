using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;

namespace Conversations.Tests.Domain;

public class ProfileEditingTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    private static readonly byte[] Png = TestPictures.Png(1, 1, transparentHalf: false);

    [Fact]
    public async Task A_participant_changes_their_name_and_about_text()
    {
        var me = await fixture.NewParticipantAsync();

        var result = await fixture
            .Get<UpdateProfile>()
            .HandleAsync(me.Id, new ProfileChanges(" Alex  Doe ", "Line one\r\nLine two"));

        result.Succeeded.Should().BeTrue();
        var profile = await fixture.Get<FindProfile>().ByIdAsync(me.Id);
        profile!.DisplayName.Should().Be("Alex  Doe");
        profile.About.Should().Be("Line one\nLine two");
    }

    [Fact]
    public async Task A_blank_name_and_an_over_long_about_text_are_refused_and_nothing_changes()
    {
        var me = await fixture.NewParticipantAsync(name: "Kept Name");

        var result = await fixture
            .Get<UpdateProfile>()
            .HandleAsync(me.Id, new ProfileChanges("   ", new string('x', ProfileText.AboutMaxLength + 1)));

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.Errors.Select(e => e.Field)
            .Should()
            .BeEquivalentTo(["DisplayName", "About"]);
        (await fixture.Get<FindProfile>().ByIdAsync(me.Id))!.DisplayName.Should().Be("Kept Name");
    }

    [Fact]
    public async Task An_about_text_of_exactly_the_limit_is_accepted()
    {
        var me = await fixture.NewParticipantAsync();

        var result = await fixture
            .Get<UpdateProfile>()
            .HandleAsync(me.Id, new ProfileChanges("Name", new string('x', ProfileText.AboutMaxLength)));

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task An_uploaded_picture_replaces_the_initials_and_is_served_by_nickname()
    {
        var me = await fixture.NewParticipantAsync();

        var first = await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, Png);
        var second = await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, Png);

        (first.Value, second.Value).Should().Be((1, 2));
        (await fixture.Get<FindProfile>().ByIdAsync(me.Id))!.HasPicture.Should().BeTrue();
        var picture = await fixture.Get<GetProfilePicture>().HandleAsync(me.Nickname.ToUpperInvariant());
        picture!.ContentType.Should().Be("image/jpeg", "an opaque picture is stored re-encoded as JPEG");
        picture.Version.Should().Be(2);
        TestPictures.Read(picture.Content).Should().Be((1, 1, SkiaSharp.SKEncodedImageFormat.Jpeg));
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_refused()
    {
        var me = await fixture.NewParticipantAsync();

        var result = await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, "<svg onload=alert(1)>"u8.ToArray());

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.InEnglish()
            .Should()
            .Be("Choose a PNG, JPEG, GIF or WebP picture.");
        (await fixture.Get<FindProfile>().ByIdAsync(me.Id))!.HasPicture.Should().BeFalse();
    }

    [Fact]
    public async Task A_picture_over_one_megabyte_is_refused()
    {
        var me = await fixture.NewParticipantAsync();
        var big = new byte[SetProfilePicture.MaxBytes + 1];
        Png.CopyTo(big, 0);

        var result = await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, big);

        result.Problem.Should().BeOfType<Invalid>().Which.InEnglish().Should().Contain("at most 1 MB");
    }

    [Fact]
    public async Task An_unknown_nickname_has_no_profile()
    {
        (await fixture.Get<FindProfile>().ByNicknameAsync("nobody_here")).Should().BeNull();
    }
}
