// Every page: the "Skip to content" link moves focus (not only the scroll position) to the main landmark.
document.addEventListener("click", event => {
    const link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    const main = document.getElementById("main-content");
    if (link && main) {
        event.preventDefault();
        main.focus();
        main.scrollIntoView();
    }
}, true);

// A menu or popup that closes gives focus back to what opened it — unless focus has already moved on (a chosen item
// navigated, say): only when it would otherwise be lost (on the page's body, or in the closed popup).
window.conversationsApp = {
    // The installed app's icon badge (the Badging API), from the account menu's count; cleared at 0.
    setAppBadge(count) {
        if ("setAppBadge" in navigator) {
            (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => { /* not installed, or not allowed */ });
        }
    },
    returnFocus(selector) {
        const opener = document.querySelector(selector);
        const now = document.activeElement;
        if (opener && (!now || now === document.body || now.closest(".mud-popover"))) {
            opener.focus();
        }
    },
};

// What the device prefers (light or dark), for pages the server renders before any script runs; and the person's own
// choice from Settings. Both are cookies the server reads (Components/Layout/ThemeChoice.cs).
(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const remember = () => { document.cookie = `prefers-dark=${media.matches ? 1 : 0}; path=/; max-age=31536000; samesite=lax`; };
    remember();
    media.addEventListener("change", remember);
})();

window.conversationsApp.chooseTheme = mode => {
    document.cookie = `theme=${mode}; path=/; max-age=31536000; samesite=lax`;
};

// The device's time zone (an IANA id such as "Europe/Madrid"), for the server: times are shown in it, and a signed-in
// person's account takes it on their first visit (Components/Layout/ViewerClock.cs). Nobody is asked.
(() => {
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone) {
            document.cookie = `tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
        }
    } catch {
        // an old browser without Intl time zones: times stay in UTC
    }
})();

// The installable app's service worker (wwwroot/sw.js): the offline page and notifications; it keeps nothing personal.
if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* an old browser, or a private window: the site works without it */ });
    // The offline page speaks the language of the pages: when it changes, the worker keeps the page again in the new one.
    const language = document.documentElement.lang;
    if (localStorage.getItem("offline-language") !== language) {
        navigator.serviceWorker.ready.then(registration => {
            registration.active?.postMessage({ refreshOffline: language });
            localStorage.setItem("offline-language", language);
        });
    }
}
