using System.Globalization;
using System.Text;

namespace Conversations.Domain.Common;

/// <summary>
/// Whether text shows anything at all: a name made only of spaces, zero-width and other format characters, lone
/// combining marks or the "blank" letters that fonts draw as nothing (Hangul fillers, the Braille blank) looks empty.
/// </summary>
public static class VisibleText
{
    public static bool IsBlank(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(Rune rune) =>
        rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E or 0x034F or 0x17B4 or 0x17B5
        || Rune.GetUnicodeCategory(rune)
            is UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control
                or UnicodeCategory.Format
                or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark
                or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned;
}
