using System.Security.Claims;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Components.Authorization;

namespace Conversations.Web.Components.Account;

/// <summary>The profile of whoever this circuit belongs to, shared by the layout and the pages, refreshed when they edit it.</summary>
public sealed class SignedInParticipant(AuthenticationStateProvider authentication, FindProfile profiles)
{
    private Profile? profile;

    public event Action? Changed;

    public async Task<Guid?> IdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }

    public async Task<Profile?> ProfileAsync(CancellationToken cancellationToken = default)
    {
        if (profile is null && await IdAsync() is { } id)
        {
            profile = await profiles.ByIdAsync(id, cancellationToken);
        }

        return profile;
    }

    public void Update(Profile changed)
    {
        profile = changed;
        Changed?.Invoke();
    }
}
