// Fieldbook's service worker: keeps the app shell working with no signal.
// The build (scripts/precache-manifest) rewrites the two lines below with this build's id and
// the exact files it emitted, so each release precaches itself under a cache of its own.
const BUILD = "unbuilt";
const PRECACHE = [];

const CACHE = `fieldbook-${BUILD}`;
// How long a navigation waits for a weak signal before the cached shell is used instead.
const NAVIGATION_TIMEOUT_MS = 4000;
// Paths (and everything under them) that this worker leaves to the network.
const NETWORK_ONLY = ["/api", "/setup", "/password", "/admin"];

// Files whose names carry their content's hash (`fieldbook-63a576ace514435b_bg.wasm`, or a
// folder so named) are the same in every build that names them.
const HASHED = /-[0-9a-f]{16}[._/]/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const download = [];
      for (const path of PRECACHE) {
        // An update on a weak signal fetches only what changed; the rest is copied over.
        const kept = HASHED.test(path) && (await fromEarlierBuild(path));
        if (kept) await cache.put(path, kept);
        // `reload` skips the HTTP cache, so the precache holds this build and not an older one.
        else download.push(new Request(path, { cache: "reload" }));
      }
      await cache.addAll(download);
    })(),
  );
  // No skipWaiting here: an update waits until the page asks for it (see "message").
});

async function fromEarlierBuild(path) {
  for (const name of await caches.keys()) {
    if (!name.startsWith("fieldbook-") || name === CACHE) continue;
    const response = await (await caches.open(name)).match(path);
    if (response) return response;
  }
  return undefined;
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("fieldbook-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // The API is live data; the set-up and password pages are the server's own, and /admin is
  // another app, online only: all come from the network only, never from a cache or as this
  // app's shell.
  if (NETWORK_ONLY.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return;
  event.respondWith(request.mode === "navigate" ? networkFirst(request) : cacheFirst(request));
});

async function networkFirst(request) {
  const network = fetch(request);
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // Offline: fall through to the shell.
  }
  const shell = await caches.match("/index.html", { cacheName: CACHE });
  return shell || network;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
