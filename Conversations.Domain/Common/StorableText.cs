namespace Conversations.Domain.Common;

/// <summary>
/// Text that PostgreSQL can store as given: no NUL character, and no half of a surrogate pair (a broken emoji is
/// not text, and would fail deep in the database driver instead of being refused here with a clear message).
/// </summary>
public static class StorableText
{
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
