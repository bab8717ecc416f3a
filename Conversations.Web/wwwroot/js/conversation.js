// Enter sends, Shift+Enter breaks the line (and Enter while an IME is composing does nothing special).
export function attach(textarea, sendButton) {
    if (!textarea || textarea.dataset.replyBox) return;
    textarea.dataset.replyBox = "on";
    textarea.addEventListener("keydown", event => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            sendButton.click();
        }
    });
}

// Keeps the newest message in view when it arrives.
export function scrollToEnd(element) {
    element?.scrollIntoView({ block: "end" });
}
