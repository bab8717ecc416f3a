using Conversations.Domain.Common;
using Conversations.Domain.Participants;
using Conversations.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conversations.Tests.Domain;

public class SignInSessionTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task A_live_connection_s_sign_in_is_over_when_its_session_ended_or_its_account_s_stamp_changed()
    {
        var person = await fixture.NewParticipantAsync();
        var sessions = fixture.Get<SignInSessions>();
        var stamp = await fixture.InScopeAsync<UserManager<Participant>, string>(async users =>
            (await users.GetSecurityStampAsync((await users.FindByIdAsync(person.Id.ToString()))!))!
        );
        var (phone, laptop) = (await sessions.StartAsync(person.Id), await sessions.StartAsync(person.Id));
        var phoneSignIn = new LiveSignIn(new SessionId(phone), new PersonId(person.Id), stamp);
        var laptopSignIn = new LiveSignIn(new SessionId(laptop), new PersonId(person.Id), stamp);

        (await sessions.EndedAmongAsync([phoneSignIn, laptopSignIn])).Should().BeEmpty();
        await sessions.EndAsync(new SessionId(phone), new PersonId(person.Id));
        (await sessions.EndedAmongAsync([phoneSignIn, laptopSignIn])).Should().Equal(phoneSignIn);
        (await sessions.EndedAmongAsync([laptopSignIn with { Stamp = "an older stamp" }]))
            .Should()
            .ContainSingle("a new password or address renews the stamp");
        (await sessions.EndedAmongAsync([laptopSignIn with { Person = new PersonId(Guid.NewGuid()) }]))
            .Should()
            .ContainSingle("a session is only its own person's");
    }

    [Fact]
    public async Task Sessions_that_ended_more_than_a_day_ago_are_forgotten_live_and_recent_ones_are_kept()
    {
        var person = await fixture.NewParticipantAsync();
        var sessions = fixture.Get<SignInSessions>();
        var (old, recent, live) = (
            await sessions.StartAsync(person.Id),
            await sessions.StartAsync(person.Id),
            await sessions.StartAsync(person.Id)
        );
        await sessions.EndAsync(new SessionId(recent), new PersonId(person.Id));
        await using (var db = await fixture.DbAsync())
        {
            await db
                .SignInSessions.Where(s => s.Id == old)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, DateTimeOffset.UtcNow.AddDays(-2)));
        }

        (await sessions.ForgetEndedAsync()).Should().BeGreaterThanOrEqualTo(1);

        await using var check = await fixture.DbAsync();
        (await check.SignInSessions.Where(s => s.PersonId == person.Id).Select(s => s.Id).ToListAsync())
            .Should()
            .BeEquivalentTo([recent, live]);
    }
}
