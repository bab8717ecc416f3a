// The service worker of the installable app. It keeps one thing: the offline page (no personal data), shown when a
// page cannot be reached. It never caches a private page or an answer with personal data: everything else goes to the
// network as if it were not here. It shows pushed notifications and opens their conversation on a click.
const OFFLINE_CACHE = "offline-v1";
const OFFLINE_URL = "/offline";

self.addEventListener("install", event => {
    event.waitUntil(caches.open(OFFLINE_CACHE)
        .then(cache => cache.addAll([new Request(OFFLINE_URL, { credentials: "same-origin" }), "/offline.css", "/icons/icon-192.png"]))
        .then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(key => key !== OFFLINE_CACHE).map(key => caches.delete(key))))
        .then(() => self.clients.claim()));
});

// A page in another language than the offline page kept: keep it again, in the page's language (app.js asks). Only an
// answer in the language last asked for is kept, so a slower answer to an earlier request cannot overwrite it.
let wantedLanguage = null;
self.addEventListener("message", event => {
    if (event.data?.refreshOffline) {
        const language = wantedLanguage = event.data.refreshOffline;
        event.waitUntil(fetch(new Request(OFFLINE_URL, { credentials: "same-origin" })).then(async response => {
            const page = await response.clone().text();
            if (response.ok && language === wantedLanguage && page.includes(`<html lang="${language}">`)) {
                await (await caches.open(OFFLINE_CACHE)).put(OFFLINE_URL, response);
            }
        }));
    }
});

self.addEventListener("fetch", event => {
    const request = event.request;
    if (request.mode === "navigate") {
        // A page: from the network; only when the network fails, the offline page.
        event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
    } else if (request.method === "GET" && new URL(request.url).origin === self.location.origin
               && ["/offline.css", "/icons/icon-192.png"].includes(new URL(request.url).pathname)) {
        event.respondWith(fetch(request).catch(() => caches.match(request)));
    }
    // Anything else: not handled here, so the browser fetches it as usual and nothing of it is kept.
});

// A push: {"title", "body", "tag", "url", "unread"} — one notification per conversation (its tag), replaced by the next.
self.addEventListener("push", event => {
    let data = {};
    try {
        data = event.data ? event.data.json() : {};
    } catch {
        data = {};
    }

    const work = [];
    if (data.withdraw) {
        work.push(self.registration.getNotifications({ tag: data.tag }).then(shown => shown.forEach(n => n.close())));
    } else if (data.title) {
        work.push(self.registration.showNotification(data.title, {
            body: data.body || "",
            tag: data.tag,
            renotify: true,
            icon: "/icons/icon-192.png",
            badge: "/icons/icon-192.png",
            data: { url: data.url || "/conversations" },
        }));
    }

    if (typeof data.unread === "number" && "setAppBadge" in self.navigator) {
        work.push(data.unread > 0 ? self.navigator.setAppBadge(data.unread) : self.navigator.clearAppBadge());
    }

    event.waitUntil(Promise.all(work));
});

// A click on a notification: its conversation, in a window of the site already open if there is one (focused, then
// moved there), else in a new one.
self.addEventListener("notificationclick", event => {
    event.notification.close();
    const opening = openConversation(new URL(event.notification.data?.url || "/conversations", self.location.origin).href);
    event.waitUntil(opening);
});

async function openConversation(target) {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const there = windows.find(w => w.url === target);
    if (there) {
        return there.focus();
    }

    const ours = windows.find(w => new URL(w.url).origin === self.location.origin);
    if (ours) {
        try {
            await ours.focus();
        } catch {
            // focusing needs the click's activation; moving the window does not
        }

        try {
            return await ours.navigate(target);
        } catch {
            // not a window this worker controls: a new one below
        }
    }

    return self.clients.openWindow(target);
}
