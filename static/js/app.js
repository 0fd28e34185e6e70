// Anrong's only script of its own: registers the service worker (offline page, cached shell).
// Every page works without it.
const workerUrl = document.documentElement.dataset.serviceWorker;

if (workerUrl && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(workerUrl, { scope: "/" }).catch((error) => {
    console.warn("Anrong: service worker not registered", error);
  });
}
