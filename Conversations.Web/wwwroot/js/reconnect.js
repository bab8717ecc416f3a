// The reconnect dialog's behaviour (its words are in Components/Layout/ReconnectModal.razor, in the person's language).
// blazor.web.js tells the dialog its state; we open and close it, try again at once when the device comes back online
// or the tab is seen again (instead of waiting for the next back-off), and when the server no longer holds the page's
// circuit, reload it where it was: its draft comes back from the server.
const modal = document.getElementById("components-reconnect-modal");
const button = document.getElementById("components-reconnect-button");
let trying = false;

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
        switch (event.detail.state) {
            case "show":
            case "retrying":
            case "failed":
            case "paused":
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
            tryNow();
        }
    });
}
