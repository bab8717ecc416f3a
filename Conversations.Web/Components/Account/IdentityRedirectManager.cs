using Microsoft.AspNetCore.Components;

namespace Conversations.Web.Components.Account;

/// <summary>Redirects after a static-rendered account form, never off the site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal))
        {
            uri = "";
        }

        navigationManager.NavigateTo(uri);
    }
}
