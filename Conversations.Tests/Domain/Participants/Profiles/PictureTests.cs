using System.Text;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using SkiaSharp;

namespace Conversations.Tests.Domain;

/// <summary>Nothing is stored as uploaded: pictures are decoded and encoded again (issue 14, finding 7).</summary>
public class PictureTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_png_with_a_script_appended_is_stored_as_its_pixels_only()
    {
        var me = await fixture.NewParticipantAsync();
        var script = Encoding.ASCII.GetBytes("<script>alert(document.cookie)</script>");
        var upload = (byte[])[.. TestPictures.Png(16, 16), .. script];

        (await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, upload)).Succeeded.Should().BeTrue();

        var stored = (await fixture.Get<GetProfilePicture>().HandleAsync(me.Nickname))!;
        TestPictures.Contains(stored.Content, script).Should().BeFalse();
        TestPictures
            .Read(stored.Content)
            .Should()
            .Be((16, 16, SKEncodedImageFormat.Jpeg), "an opaque picture is stored as JPEG");
        stored.ContentType.Should().Be("image/jpeg");
    }

    [Fact]
    public async Task A_photo_loses_its_exif_and_gps_block_and_is_turned_upright_by_its_orientation()
    {
        var me = await fixture.NewParticipantAsync();
        var photo = TestPictures.JpegWithGpsAndOrientation(width: 40, height: 20, orientation: 6);
        TestPictures.Contains(photo, TestPictures.GpsMarker).Should().BeTrue("the upload carries a position");

        (await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, photo)).Succeeded.Should().BeTrue();

        var stored = (await fixture.Get<GetProfilePicture>().HandleAsync(me.Nickname))!;
        TestPictures.Contains(stored.Content, TestPictures.GpsMarker).Should().BeFalse();
        TestPictures.Contains(stored.Content, "Exif"u8.ToArray()).Should().BeFalse();
        TestPictures
            .Read(stored.Content)
            .Should()
            .Be((20, 40, SKEncodedImageFormat.Jpeg), "turned by 90° as the camera was held");
    }

    [Fact]
    public async Task A_large_picture_is_stored_at_most_512_pixels_a_side_and_transparency_is_kept_as_png()
    {
        var me = await fixture.NewParticipantAsync();

        (await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, TestPictures.Png(2000, 1000, transparentHalf: true)))
            .Succeeded.Should()
            .BeTrue();

        var stored = (await fixture.Get<GetProfilePicture>().HandleAsync(me.Nickname))!;
        TestPictures.Read(stored.Content).Should().Be((512, 256, SKEncodedImageFormat.Png));
        stored.ContentType.Should().Be("image/png");
    }

    [Fact]
    public async Task A_file_that_starts_like_a_picture_but_is_not_one_is_refused_and_nothing_is_stored()
    {
        var me = await fixture.NewParticipantAsync();
        byte[] fake = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<html><script>alert(1)</script>"u8];

        var result = await fixture.Get<SetProfilePicture>().HandleAsync(me.Id, fake);

        result
            .Problem.Should()
            .BeOfType<Invalid>()
            .Which.InEnglish()
            .Should()
            .Be("This file could not be read as a picture: choose another.");
        (await fixture.Get<FindProfile>().ByIdAsync(me.Id))!.HasPicture.Should().BeFalse();
    }

    [Fact]
    public async Task A_group_s_picture_is_re_encoded_too()
    {
        var creator = await fixture.NewParticipantAsync();
        var nickname = "pictured_" + Guid.NewGuid().ToString("N")[..8];
        var upload = (byte[])[.. TestPictures.Png(10, 10), .. "#!/bin/sh"u8];

        var group = await fixture
            .Get<CreateGroup>()
            .HandleAsync(new CreateGroupCommand(creator.Id, "Pictured", nickname, "", upload));

        group.Succeeded.Should().BeTrue(group.Problem?.InEnglish());
        var stored = (await fixture.Get<GetProfilePicture>().HandleAsync(nickname))!;
        TestPictures.Contains(stored.Content, "#!/bin/sh"u8.ToArray()).Should().BeFalse();
        TestPictures.Read(stored.Content).Width.Should().Be(10);
    }
}
