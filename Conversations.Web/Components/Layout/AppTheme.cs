using MudBlazor;

namespace Conversations.Web.Components.Layout;

internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        // WCAG 2.1 AA: every colour that carries text (white on a colour, or the colour on white and on the page's
        // background) has a contrast of at least 4.5:1. MudBlazor's defaults for error, info, success, warning and the
        // secondary text fall short (the red badge's white count was 3.7:1), so they are darker here.
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#b83d0b",
            Tertiary = "#0f6e5c",
            Info = "#1565c0",
            Success = "#1b6e34",
            Warning = "#8a4d00",
            Error = "#b3261e",
            AppbarBackground = "#1f5f8b",
            Background = "#f6f7f9",
            TextPrimary = "#1f2328",
            TextSecondary = "#545b66",
            ActionDefault = "#545b66",
        },
        // The same rule in the dark: light colours on dark surfaces, dark text on the light-coloured buttons and badges.
        PaletteDark = new PaletteDark
        {
            Primary = "#8ec5ee",
            PrimaryContrastText = "#0b1a26",
            Secondary = "#ffb38f",
            SecondaryContrastText = "#2a0f00",
            Tertiary = "#7fdcc8",
            Info = "#9ccbff",
            InfoContrastText = "#001a33",
            Success = "#8fd9a2",
            SuccessContrastText = "#00200b",
            Warning = "#ffc978",
            WarningContrastText = "#2a1800",
            Error = "#ff9a90",
            ErrorContrastText = "#2a0000",
            AppbarBackground = "#17222c",
            AppbarText = "#ffffff",
            Background = "#121417",
            BackgroundGray = "#262b31",
            Surface = "#1d2126",
            DrawerBackground = "#1d2126",
            TextPrimary = "#eceef1",
            TextSecondary = "#b8bec7",
            ActionDefault = "#b8bec7",
            LinesDefault = "#3a4048",
            LinesInputs = "#7a828c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Liberation Sans", "Arial", "sans-serif"],
            },
        },
    };
}
