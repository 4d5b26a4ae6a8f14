// The events list page: filters, sortable and paged list, timeline and map, downloads of the filter.
import {el, getJSON, eventHref} from "./dom.js";
import {drawMap, loadWorld, typeColour, typeLegend} from "./map.js";
import {drawTimeline} from "./timeline.js";

const FILTERS = ["text", "actor", "country", "type", "since", "until", "min_killed", "role"];
const DESCENDING_FIRST = new Set(["date", "killed"]);
const SIZE = 50;
const form = document.getElementById("filters");
const byChoice = document.getElementById("timeline-by");
const state = {sort: "date", order: "desc", offset: 0, total: 0};
let generation = 0;  // answers to an older filter are dropped

function filterParams() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const value = (form.elements[name].value || "").trim();
    if (value) p.set(name, value);
  }
  return p;
}

function pageParams() {
  const p = filterParams();
  if (state.sort !== "date") p.set("sort", state.sort);
  if (state.order !== (DESCENDING_FIRST.has(state.sort) ? "desc" : "asc")) p.set("order", state.order);
  if (state.offset) p.set("offset", state.offset);
  return p;
}

// a select keeps a value it has no option for (a type in another case, or none known): the server says
function setField(name, value) {
  const field = form.elements[name];
  if (field.tagName === "SELECT" && value) {
    const match = [...field.options].find((o) => o.value.toLowerCase() === value.toLowerCase());
    if (!match) field.append(el("option", {value}, value));
    field.value = match ? match.value : value;
  } else {
    field.value = value;
  }
}

function readLocation() {
  const p = new URLSearchParams(location.search);
  for (const name of FILTERS) setField(name, p.get(name) || "");
  state.sort = p.get("sort") || "date";
  state.order = p.get("order") || (DESCENDING_FIRST.has(state.sort) ? "desc" : "asc");
  state.offset = Number(p.get("offset")) || 0;
}

function say(message) {
  document.getElementById("status").textContent = message;
}

function query(p) {
  const s = p.toString();
  return s ? "?" + s : "";
}

async function refresh(push) {
  const mine = ++generation;
  const filters = filterParams();
  if (push) history.pushState(null, "", "/" + query(pageParams()));
  for (const a of document.querySelectorAll("a[data-format]")) a.href = `/download/${a.dataset.format}` + query(filters);
  say("");
  let list;
  try {
    list = await getJSON("/api/events" + query(pageParams()));
  } catch (e) {
    if (mine === generation) {
      say(e.message);
      renderList({events: [], total: 0, offset: 0});
    }
    return;
  }
  if (mine !== generation) return;
  renderList(list);
  // the charts after the list, so the list's answer never waits behind them
  refreshTimeline(filters, mine);
  refreshMap(filters, mine, list.total);
}

function renderList(list) {
  state.total = list.total;
  const rows = list.events.map((r) => el("tr", {"data-id": r.id},
    el("td", {class: "date"}, r.date_start || "?"),
    el("td", {}, el("a", {href: eventHref(r.id)}, r.title || "(untitled)"),
      r.role === "related" ? el("span", {class: "tag"}, "related") : null),
    el("td", {}, r.country ? `${r.country} (${r.country_code || "?"})` : ""),
    el("td", {}, r.sub_event_type || r.event_type || ""),
    el("td", {}, r.side_a || ""),
    el("td", {}, r.side_b || ""),
    el("td", {class: "num"}, r.deaths_best === null || r.deaths_best === undefined ? "" : r.deaths_best)));
  document.querySelector("#events tbody").replaceChildren(...rows);
  const n = list.total.toLocaleString("en");
  document.getElementById("count").textContent = `${n} event${list.total === 1 ? "" : "s"}`;
  const last = Math.min(list.offset + list.events.length, list.total);
  document.getElementById("page-info").textContent = list.total ? `${list.offset + 1}–${last} of ${n}` : "";
  document.getElementById("prev").disabled = list.offset <= 0;
  document.getElementById("next").disabled = last >= list.total;
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.setAttribute("aria-sort", th.dataset.sort === state.sort ? (state.order === "desc" ? "descending" : "ascending") : "none");
  }
}

async function refreshTimeline(filters, mine) {
  const p = new URLSearchParams(filters);
  p.set("by", byChoice.value);
  try {
    const data = await getJSON("/api/timeline" + query(p));
    if (mine !== generation) return;
    const labels = {A: "side A", B: "side B", C: "side C"};
    drawTimeline(document.getElementById("timeline"), document.getElementById("timeline-legend"), data, labels);
    document.getElementById("timeline-note").textContent = data.year_only ? `(${data.year_only} dated to the year only, not shown)` : "";
  } catch (e) {
    say(e.message);
  }
}

async function refreshMap(filters, mine, total) {
  try {
    const [countries, points] = await Promise.all([loadWorld(), getJSON("/api/map" + query(filters))]);
    if (mine !== generation) return;
    const features = points.features;
    const most = Math.max(1, ...features.map((f) => f.properties.killed));
    const shown = features.reduce((n, f) => n + f.properties.events, 0);
    drawMap(document.getElementById("map"), countries, features.map((f) => {
      const p = f.properties;
      const what = p.event_id ? p.title : `${p.events} events`;
      return {
        lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], size: Math.sqrt(p.killed / most),
        colour: typeColour(p.event_type), href: p.event_id ? eventHref(p.event_id) : null,
        label: `${p.place}: ${what}, ${p.killed} killed (${p.event_type || "untyped"})`,
      };
    }), {minSpan: 12});
    typeLegend(document.getElementById("map-legend"), [...new Set(features.map((f) => f.properties.event_type || "untyped"))].sort());
    document.getElementById("map-note").textContent = shown < total ? `(${shown} of ${total} events have a located place)` : "";
  } catch (e) {
    say(e.message);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  state.offset = 0;
  refresh(true);
});
for (const button of document.querySelectorAll("th button[data-sort]")) {
  button.addEventListener("click", () => {
    const sort = button.dataset.sort;
    if (sort === state.sort) state.order = state.order === "desc" ? "asc" : "desc";
    else state.order = DESCENDING_FIRST.has(sort) ? "desc" : "asc";
    state.sort = sort;
    state.offset = 0;
    refresh(true);
  });
}
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - SIZE); refresh(true); });
document.getElementById("next").addEventListener("click", () => { state.offset += SIZE; refresh(true); });
byChoice.addEventListener("change", () => refreshTimeline(filterParams(), generation));
window.addEventListener("popstate", () => { readLocation(); refresh(false); });

readLocation();
refresh(false);
