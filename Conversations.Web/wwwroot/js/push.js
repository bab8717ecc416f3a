// Settings → Notifications: this device's Web Push subscription, through the app's service worker (wwwroot/sw.js).
function base64UrlToBytes(text) {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(padded), c => c.charCodeAt(0));
}

function bytesToBase64Url(buffer) {
    return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function supported() {
    return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

// { supported, permission, endpoint }: whether this device can, may, and does receive pushes.
export async function state() {
    if (!supported()) {
        return { supported: false, permission: "denied", endpoint: null };
    }

    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    return { supported: true, permission: Notification.permission, endpoint: subscription?.endpoint ?? null };
}

// Asks the person (the browser's own question), then subscribes with the site's public key. Returns the subscription's
// endpoint and keys, or { error: "unsupported" | "denied" | "failed" }.
export async function subscribe(publicKey) {
    if (!supported()) {
        return { error: "unsupported" };
    }

    if (await Notification.requestPermission() !== "granted") {
        return { error: "denied" };
    }

    try {
        const registration = await navigator.serviceWorker.ready;
        const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) });
        return { endpoint: subscription.endpoint, p256dh: bytesToBase64Url(subscription.getKey("p256dh")), auth: bytesToBase64Url(subscription.getKey("auth")) };
    } catch {
        return { error: "failed" };
    }
}

// Ends this device's subscription; returns its endpoint (for the server to forget), or null.
export async function unsubscribe() {
    if (!supported()) {
        return null;
    }

    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    if (!subscription) {
        return null;
    }

    const endpoint = subscription.endpoint;
    await subscription.unsubscribe();
    return endpoint;
}
