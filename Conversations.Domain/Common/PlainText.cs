namespace Conversations.Domain.Common;

/// <summary>
/// Text of one line as a person types it into a field or an address: no control character (C0 and C1: NUL, CR, LF,
/// tab, escape …) and no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which make text read in
/// another order than it is stored. What a query string or a form of the site may carry; a message's body, which may
/// hold lines, is judged by <see cref="StorableText"/> instead.
/// </summary>
public static class PlainText
{
    public static bool IsPlain(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return false;
            }
        }

        return true;
    }
}
