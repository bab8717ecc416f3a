// The reconnect dialog's behaviour (its words are in Components/Layout/ReconnectModal.razor, in the person's language).
// blazor.web.js tells the dialog its state; we open and close it, try again at once when the device comes back online
// or the tab is seen again (instead of waiting for the next back-off), and when the server no longer holds the page's
// circuit, reload it where it was: its draft comes back from the server.
const modal = document.getElementById("components-reconnect-modal");
const button = document.getElementById("components-reconnect-button");
let trying = false;

// A tab hidden for a while gives its circuit's memory back to the server (the circuit is paused: its state kept, its
// components gone) and resumes when it is seen again; the delay comes from the server (Circuits:PauseHiddenAfter).
const pauseAfterSeconds = Number(modal?.dataset.pauseHiddenAfter ?? "0");
let pauseTimer = null;
let pausedByUs = false;

async function pauseIfStillHidden() {
    pauseTimer = null;
    if (document.visibilityState === "hidden" && !modal.open && window.Blazor?.pauseCircuit) {
        pausedByUs = true; // until the tab is seen again: then resumed, or reloaded where it was
        try {
            await Blazor.pauseCircuit();
        } catch {
            // the connection was already gone: seen again, the page resumes or reloads as after any loss
        }
    }
}

async function resumeOurPause() {
    pausedByUs = false;
    try {
        if (await Blazor.resumeCircuit()) {
            if (modal.open) {
                modal.close();
            }
            return;
        }
    } catch {
        // not reachable: the reload below shows the offline page or the page anew
    }
    location.reload(); // the server no longer holds its state: the same address, as a new page (its draft from the server)
}

function open() {
    if (!modal.open) {
        modal.showModal();
    }
}

async function tryNow() {
    if (!modal.open || trying || !window.Blazor) {
        return;
    }

    trying = true;
    try {
        // true: reconnected; false: the server answered but no longer holds this circuit; an exception: not reachable yet.
        if (await Blazor.reconnect()) {
            modal.close();
        } else if (Blazor.resumeCircuit && await Blazor.resumeCircuit()) {
            modal.close();
        } else {
            location.reload();
        }
    } catch {
        // Still offline: the next "online", the tab seen again, or the framework's own next try.
    } finally {
        trying = false;
    }
}

if (modal) {
    modal.addEventListener("components-reconnect-state-changed", event => {
        if (pausedByUs) {
            // A hidden tab resting, not a lost connection: nothing to show (whoever opened the dialog), and it resumes
            // when seen again.
            queueMicrotask(() => modal.open && modal.close());
            return;
        }

        switch (event.detail.state) {
            case "paused":
                if (pausedByUs) {
                    break; // a hidden tab resting, not a lost connection
                }
                open();
                break;
            case "show":
            case "retrying":
            case "failed":
                open();
                if (event.detail.state === "failed" && navigator.onLine) {
                    tryNow();
                }
                break;
            case "hide":
                if (modal.open) {
                    modal.close();
                }
                break;
            case "rejected":
            case "resume-failed":
                location.reload(); // the circuit is gone: the same address again, as a new page
                break;
        }
    });
    modal.addEventListener("cancel", event => event.preventDefault()); // Escape does not hide a lost connection
    button?.addEventListener("click", tryNow);
    window.addEventListener("online", tryNow);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
            if (pauseTimer) {
                clearTimeout(pauseTimer);
                pauseTimer = null;
            }
            if (pausedByUs) {
                resumeOurPause();
            } else {
                tryNow();
            }
        } else if (pauseAfterSeconds > 0 && !pauseTimer && !pausedByUs) {
            pauseTimer = setTimeout(pauseIfStillHidden, pauseAfterSeconds * 1000);
        }
    });
}
