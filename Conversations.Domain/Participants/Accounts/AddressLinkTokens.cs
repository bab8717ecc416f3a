using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Domain.Participants;

/// <summary>
/// Identity's data-protection tokens for the links that confirm an address (at registration, and a new one from
/// Settings): valid three days, where a password reset's last an hour. Both are void once the account's security stamp
/// changes (a new password, a changed address).
/// </summary>
public sealed class AddressLinkTokens(
    IDataProtectionProvider protection,
    IOptions<AddressLinkTokenOptions> options,
    ILogger<DataProtectorTokenProvider<Participant>> logger
) : DataProtectorTokenProvider<Participant>(protection, options, logger)
{
    public const string ProviderName = "AddressLinks";
}

public sealed class AddressLinkTokenOptions : DataProtectionTokenProviderOptions
{
    public AddressLinkTokenOptions()
    {
        Name = "AddressLinkDataProtectorTokenProvider";
        TokenLifespan = TimeSpan.FromDays(3);
    }
}
