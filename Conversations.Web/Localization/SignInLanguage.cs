using System.Globalization;
using Conversations.Domain.Participants;

namespace Conversations.Web.Localization;

/// <summary>
/// At sign-in, the account and the device agree on a language: the one the account keeps (chosen on any device) becomes
/// this device's; an account that keeps none takes the one the person signed in with, so their emails speak it too.
/// </summary>
public sealed class SignInLanguage(ParticipantLanguage languages)
{
    public async Task ApplyAsync(HttpContext context, Participant person)
    {
        if (Languages.Find(person.Language) is { } kept)
        {
            LanguageCookie.Write(context, kept);
        }
        else
        {
            await languages.SetAsync(person.Id, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        }
    }
}
