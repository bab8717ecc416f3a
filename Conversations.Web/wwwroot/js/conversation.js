// On a keyboard device Enter sends and Shift+Enter breaks the line (Enter while an IME is composing does nothing
// special). On a touch-first device (a phone) Enter breaks the line and the Send button sends: paragraphs stay possible.
// Returns whether Enter sends here.
export function attach(textarea, sendButton) {
    const touchFirst = window.matchMedia("(hover: none) and (pointer: coarse)").matches;
    if (!textarea || textarea.dataset.replyBox) return !touchFirst;
    textarea.dataset.replyBox = "on";
    if (touchFirst) return false;
    textarea.addEventListener("keydown", event => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            sendButton.click();
        }
    });
    return true;
}

// Keeps the newest message in view when it arrives.
export function scrollToEnd(element) {
    element?.scrollIntoView({ block: "end" });
}

// Opened at a message a search found: it is brought into view, in the middle of the screen.
export function scrollToMessage(seq) {
    document.querySelector(`.message-bubble[data-seq="${Number(seq)}"]`)?.scrollIntoView({ block: "center" });
}

// Page Visibility: a conversation is read only while the person can see its tab. watchVisibility tells the page of
// every change and returns whether it is visible now, with a number that unwatchVisibility takes to stop.
const visibilityWatchers = new Map();
let nextWatcher = 1;

export function watchVisibility(page) {
    const id = nextWatcher++;
    const changed = () => page.invokeMethodAsync("VisibilityChanged", document.visibilityState === "visible");
    document.addEventListener("visibilitychange", changed);
    visibilityWatchers.set(id, changed);
    return { id, visible: document.visibilityState === "visible" };
}

export function unwatchVisibility(id) {
    const changed = visibilityWatchers.get(id);
    if (changed) {
        document.removeEventListener("visibilitychange", changed);
        visibilityWatchers.delete(id);
    }
}
