/* Anrong service worker, version {{ version }}. Served by anrong.core.views.service_worker from
   the site root so its scope is the whole site.
   - Install: stores the shell (CSS, scripts, icons) and the offline page in a versioned cache.
   - Activate: deletes every older Anrong cache.
   - Pages: network first; when the network fails, the stored offline page. Pages themselves are
     not stored: they may carry personal data and phones are often shared.
   - Static files: cache first, then the network (stored for next time). */
const CACHE = "anrong-{{ version }}";
const OFFLINE_URL = {{ offline_url_json|safe }};
const STATIC_URL = {{ static_url_json|safe }};
const PRECACHE = {{ precache_json|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("anrong-") && name !== CACHE)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

async function pageFromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await caches.match(OFFLINE_URL, { cacheName: CACHE });
    return offline || Response.error();
  }
}

async function staticFromCache(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request);
  if (stored) {
    return stored;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageFromNetwork(request));
  } else if (url.pathname.startsWith(STATIC_URL)) {
    event.respondWith(staticFromCache(request));
  }
});

/* Emergency alerts (anrong.alerts): a web push carries {title, body, url, tag, severity,
   msg_type} as JSON. Shown at once, replacing an earlier notification of the same alert (tag);
   severe and extreme ones stay until the person acts. A tap opens (or focuses) the alert page. */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { title: event.data ? event.data.text() : "" };
  }
  const title = data.title || "Peringatan darurat";
  const options = {
    body: data.body || "",
    tag: data.tag || "anrong-alert",
    renotify: true,
    requireInteraction: data.severity === "Extreme" || data.severity === "Severe",
    icon: STATIC_URL + "icons/anrong-192.png",
    badge: STATIC_URL + "icons/anrong-192.png",
    data: { url: data.url || "/peringatan/" },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url
    ? event.notification.data.url : "/peringatan/", self.location.origin);
  if (target.origin !== self.location.origin) {
    return;
  }
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (client.url === target.href && "focus" in client) {
          return client.focus();
        }
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
