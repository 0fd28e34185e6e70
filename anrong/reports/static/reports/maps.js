// Lapor's maps, on OpenStreetMap tiles with Leaflet (window.L, loaded before this module):
//   [data-report-map="public"]  the public map: the viewport's public reports from the JSON API,
//                                reloaded (debounced) when the map moves or the filters change;
//   [data-report-map="picker"]  the new-report form: tap, drag or "Gunakan lokasi saya" to set
//                                the lat/lng inputs;
//   [data-report-map="point"]   one report's place.
// Every page works without this script: map containers stay hidden, and the pages offer the
// list, the coordinate inputs and a link to openstreetmap.org instead. Texts come from data-text-*
// attributes written by the templates in the page's language.

const L = window.L;
const TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
const CITY = [-5.147, 119.432]; // Kota Makassar
const CITY_ZOOM = 13;
const DEBOUNCE_MS = 350;

function baseMap(element) {
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
  return map;
}

function number(value) {
  const parsed = Number.parseFloat(String(value ?? "").replace(",", "."));
  return Number.isFinite(parsed) ? parsed : null;
}

function jsonScript(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : {};
}

// --- the public map ------------------------------------------------------------------------------

function publicMap(element) {
  const data = element.dataset;
  const form = document.getElementById(data.filters);
  const status = document.getElementById(data.status);
  const statusLabels = jsonScript("report-status-labels");
  const categoryLabels = jsonScript("report-category-labels");
  const lang = document.documentElement.lang || "id";
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "Asia/Makassar" });
  const openStatuses = new Set(["received", "verified", "in_progress"]);

  const map = baseMap(element);
  const page = new URLSearchParams(window.location.search);
  const lat = number(page.get("lat"));
  const lng = number(page.get("lng"));
  const focused = lat !== null && lng !== null;
  map.setView(focused ? [lat, lng] : CITY, focused ? 18 : CITY_ZOOM);
  const markers = L.layerGroup().addTo(map);
  let timer = null;
  let controller = null;
  let fitOnce = !focused && Boolean(page.get("kecamatan"));

  function filters() {
    const params = new URLSearchParams();
    if (!form) return params;
    for (const [name, value] of new FormData(form)) {
      if (value && name !== "page") params.set(name, value);
    }
    return params;
  }

  function popup(point) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = point.tracking_no;
    const category = document.createElement("div");
    category.textContent = categoryLabels[point.category] || point.category;
    const state = document.createElement("div");
    state.textContent = statusLabels[point.status] || point.status;
    const when = document.createElement("div");
    when.textContent = `${data.textReported} ${dateFormat.format(new Date(point.created_at))}`;
    const link = document.createElement("a");
    link.href = data.detailUrl.replace("LPR-0000-000000", encodeURIComponent(point.tracking_no));
    link.textContent = data.textOpen;
    box.append(title, category, state, when, link);
    return box;
  }

  function show(answer) {
    markers.clearLayers();
    const bounds = [];
    for (const point of answer.points) {
      const open = openStatuses.has(point.status);
      L.circleMarker([point.lat, point.lng], {
        radius: 9, weight: 2, color: "#ffffff", fillOpacity: 0.9,
        fillColor: open ? "#0a4d68" : "#6b7b82",
      }).bindPopup(popup(point)).addTo(markers);
      bounds.push([point.lat, point.lng]);
    }
    if (!answer.points.length) {
      status.textContent = data.textNone;
    } else {
      status.textContent = `${answer.count} ${data.textCount}` + (answer.truncated ? ` ${data.textTruncated}` : "");
    }
    if (fitOnce && bounds.length) {
      fitOnce = false;
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    }
  }

  async function load() {
    if (controller) controller.abort();
    controller = new AbortController();
    const area = map.getBounds();
    const params = filters();
    params.set("bbox", [area.getSouth(), area.getWest(), area.getNorth(), area.getEast()]
      .map((value) => value.toFixed(5)).join(","));
    try {
      const response = await fetch(`${data.pointsUrl}?${params}`, {
        headers: { Accept: "application/json" }, credentials: "omit", signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      show(await response.json());
    } catch (error) {
      if (error.name !== "AbortError") status.textContent = data.textError;
    }
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, DEBOUNCE_MS);
  }

  map.on("moveend", later);
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = filters();
      const query = params.toString();
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
      fitOnce = Boolean(params.get("kecamatan"));
      load();
    });
  }
  load();
}

// --- the point picker of a new report -------------------------------------------------------------

function picker(element) {
  const data = element.dataset;
  const latInput = document.getElementById(data.lat);
  const lngInput = document.getElementById(data.lng);
  const status = document.getElementById(data.status);
  const form = element.closest("form");
  const map = baseMap(element);
  let marker = null;

  function write(latlng) {
    latInput.value = latlng.lat.toFixed(6);
    lngInput.value = latlng.lng.toFixed(6);
    status.textContent = `${data.textChosen} ${latInput.value}, ${lngInput.value}`;
  }

  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { draggable: true, keyboard: true, title: data.textMarker, alt: data.textMarker })
        .addTo(map);
      marker.on("dragend", () => write(marker.getLatLng()));
    }
    write(latlng);
  }

  const lat = number(latInput.value);
  const lng = number(lngInput.value);
  if (lat !== null && lng !== null) {
    map.setView([lat, lng], 17);
    place(L.latLng(lat, lng));
  } else {
    map.setView(CITY, CITY_ZOOM);
  }
  map.on("click", (event) => place(event.latlng));

  // Typed coordinates move the marker too.
  for (const input of [latInput, lngInput]) {
    input.addEventListener("change", () => {
      const typedLat = number(latInput.value);
      const typedLng = number(lngInput.value);
      if (typedLat !== null && typedLng !== null) {
        place(L.latLng(typedLat, typedLng));
        map.setView([typedLat, typedLng], Math.max(map.getZoom(), 16));
      }
    });
  }

  const buttons = form.querySelector("[data-map-only]");
  if (buttons) buttons.hidden = false;
  const center = form.querySelector("[data-center]");
  if (center) center.addEventListener("click", () => place(map.getCenter()));
  const locate = form.querySelector("[data-locate]");
  if (locate) {
    if (!("geolocation" in navigator)) {
      locate.hidden = true;
    } else {
      locate.addEventListener("click", () => {
        status.textContent = data.textLocating;
        navigator.geolocation.getCurrentPosition((position) => {
          const here = L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(here, 18);
          place(here);
        }, () => {
          status.textContent = data.textNoLocation;
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
  }
}

// --- the rest of the new-report form: extra questions and a first check of the photos ---------------

function reportForm(form) {
  const groups = form.querySelectorAll("[data-category-attributes]");
  function showAttributes() {
    const chosen = form.querySelector('input[name="category"]:checked');
    for (const group of groups) {
      group.hidden = !chosen || group.dataset.categoryAttributes !== chosen.value;
    }
  }
  form.addEventListener("change", (event) => {
    if (event.target.name === "category") showAttributes();
  });
  showAttributes();

  // The server checks every photo again; this only saves a wasted upload on a slow connection.
  const inputs = [...form.querySelectorAll("[data-photo-input]")];
  const message = form.querySelector("#photos-check");
  const maxPhotos = Number(form.dataset.maxPhotos);
  const maxBytes = Number(form.dataset.maxPhotoBytes);
  function checkPhotos() {
    const files = inputs.flatMap((input) => [...input.files]);
    let problem = "";
    if (files.length > maxPhotos) problem = form.dataset.textTooMany;
    for (const file of files) {
      if (problem) break;
      if (file.type && !file.type.startsWith("image/")) problem = form.dataset.textNotImage.replace("{name}", file.name);
      else if (file.size > maxBytes) problem = form.dataset.textTooLarge.replace("{name}", file.name);
    }
    message.textContent = problem;
    message.hidden = !problem;
    if (problem) for (const input of inputs) input.setAttribute("aria-invalid", "true");
    return !problem;
  }
  for (const input of inputs) input.addEventListener("change", checkPhotos);
  form.addEventListener("submit", (event) => {
    if (!checkPhotos()) {
      event.preventDefault();
      inputs[0].focus();
    }
  });
}

// --- one report's place ---------------------------------------------------------------------------------

function point(element) {
  const lat = number(element.dataset.lat);
  const lng = number(element.dataset.lng);
  if (lat === null || lng === null) return;
  const map = baseMap(element);
  map.setView([lat, lng], 17);
  L.marker([lat, lng], { keyboard: false }).addTo(map);
}

const kinds = { public: publicMap, picker, point };

if (L) {
  for (const element of document.querySelectorAll("[data-report-map]")) {
    const start = kinds[element.dataset.reportMap];
    if (start) start(element);
  }
}
for (const form of document.querySelectorAll("[data-report-form]")) reportForm(form);
const errors = document.getElementById("form-errors");
if (errors) errors.focus();
