// Alerts page: turn web-push notifications on or off for the chosen area. Without JavaScript,
// or in a browser without push, the form still saves the area for the banner.
const form = document.querySelector("[data-push-form]");

function base64UrlToBytes(value) {
  const padded = (value + "===".slice((value.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function csrfToken() {
  return form.querySelector("input[name=csrfmiddlewaretoken]").value;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || response.statusText);
  }
  return data;
}

function chosenArea() {
  return {
    whole_city: form.querySelector("input[name=whole_city]").checked,
    kecamatan: [...form.querySelectorAll("input[name=kecamatan]:checked")].map((box) => box.value),
  };
}

async function setUp() {
  const key = form.dataset.vapidKey;
  const status = form.querySelector("[data-push-status]");
  const on = form.querySelector("[data-push-subscribe]");
  const off = form.querySelector("[data-push-unsubscribe]");
  if (!key || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  let current = await registration.pushManager.getSubscription();
  on.hidden = false;
  off.hidden = !current;

  on.addEventListener("click", async () => {
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        status.textContent = "Izin notifikasi ditolak. Aktifkan lewat pengaturan browser.";
        return;
      }
      current = current || await registration.pushManager.subscribe({
        userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key),
      });
      const data = await post(form.dataset.subscribeUrl, { ...current.toJSON(), ...chosenArea() });
      status.textContent = data.message;
      off.hidden = false;
    } catch (error) {
      status.textContent = error.message;
    }
  });

  off.addEventListener("click", async () => {
    if (!current) {
      return;
    }
    const data = await post(form.dataset.unsubscribeUrl, { endpoint: current.endpoint });
    await current.unsubscribe();
    current = null;
    status.textContent = data.message;
    off.hidden = true;
  });
}

if (form) {
  setUp().catch((error) => console.warn("Anrong: push not available", error));
}
