// An offline map in SVG: Natural Earth's country outlines (world.geojson, served by the app) in an
// equirectangular projection (x = longitude, y = -latitude, in degrees), points sized by deaths and
// coloured by event type. Wheel or pinch to zoom, drag to pan.
import {el, svg} from "./dom.js";

export const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Strategic developments": "#16a085",
  "Protests": "#2980b9",
  "Riots": "#7f8c8d",
};
const SAHEL = {west: -18, south: 4, east: 25, north: 26};

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#555555";
}

let world = null;
export function loadWorld() {
  world = world || fetch("/static/world.geojson").then((r) => r.json());
  return world;
}

function ringPath(ring) {
  return "M" + ring.map(([lon, lat]) => `${lon},${-lat}`).join("L") + "Z";
}

function outline(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map(ringPath).join("")).join("");
}

// where a country's name goes: the middle of its largest polygon's bounding box
function labelPoint(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  let best = null;
  for (const rings of polygons) {
    const lons = rings[0].map((p) => p[0]), lats = rings[0].map((p) => p[1]);
    const w = Math.max(...lons) - Math.min(...lons), h = Math.max(...lats) - Math.min(...lats);
    if (!best || w * h > best.area) {
      best = {area: w * h, span: Math.max(w, h), x: (Math.max(...lons) + Math.min(...lons)) / 2,
              y: -(Math.max(...lats) + Math.min(...lats)) / 2};
    }
  }
  return best;
}

// the view around the points, padded, at least minSpan degrees wide, in the element's proportions
function frame(points, minSpan, aspect) {
  let box = SAHEL;
  if (points.length) {
    const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
    box = {west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats)};
  }
  let w = Math.max(box.east - box.west, minSpan) * 1.3, h = Math.max(box.north - box.south, minSpan / aspect) * 1.3;
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  const cx = (box.west + box.east) / 2, cy = -(box.south + box.north) / 2;
  return {x: cx - w / 2, y: cy - h / 2, w, h};
}

// points: [{lon, lat, size (0..1), colour, label, href}]
export function drawMap(root, countries, points, {minSpan = 6} = {}) {
  const rect = root.getBoundingClientRect();
  const aspect = rect.width && rect.height ? rect.width / rect.height : 1.6;
  const view = frame(points, minSpan, aspect);
  root.replaceChildren();
  root.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  root.append(svg("rect", {class: "sea", x: -360, y: -180, width: 720, height: 360}));
  const land = svg("g", {class: "land"});
  for (const f of countries.features) {
    land.append(svg("path", {d: outline(f.geometry), class: "country"}, svg("title", {}, f.properties.name)));
  }
  root.append(land);
  const names = svg("g", {class: "names"});
  for (const f of countries.features) {
    const at = labelPoint(f.geometry);
    if (at) names.append(svg("text", {x: at.x, y: at.y, "data-span": at.span, class: "name"}, f.properties.name));
  }
  root.append(names);
  const dots = svg("g", {class: "points"});
  const sorted = [...points].sort((a, b) => b.size - a.size);  // the small ones drawn last, on top
  for (const p of sorted) {
    const dot = svg("circle", {cx: p.lon, cy: -p.lat, fill: p.colour, class: "point", "data-size": p.size},
      svg("title", {}, p.label));
    dots.append(p.href ? svg("a", {href: p.href}, dot) : dot);
  }
  root.append(dots);
  const resize = () => {
    const unit = view.w / 140;
    for (const c of dots.querySelectorAll("circle")) c.setAttribute("r", unit * (1 + 3 * Number(c.dataset.size)));
    for (const t of names.querySelectorAll("text")) {  // a country's name where the country is not a speck
      t.setAttribute("font-size", view.w / 50);
      t.setAttribute("visibility", Number(t.dataset.span) > view.w / 12 && Number(t.dataset.span) < view.w * 3 ? "visible" : "hidden");
    }
  };
  resize();
  zoomable(root, view, resize);
}

function zoomable(root, view, onZoom) {
  const apply = () => {
    root.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    onZoom();
  };
  const toView = (event) => {
    const r = root.getBoundingClientRect();
    return [view.x + (event.clientX - r.left) / r.width * view.w, view.y + (event.clientY - r.top) / r.height * view.h];
  };
  root.onwheel = (event) => {
    event.preventDefault();
    const [px, py] = toView(event);
    const k = event.deltaY > 0 ? 1.25 : 0.8;
    if (view.w * k < 0.5 || view.w * k > 400) return;
    view.x = px - (px - view.x) * k;
    view.y = py - (py - view.y) * k;
    view.w *= k;
    view.h *= k;
    apply();
  };
  let drag = null;
  root.onpointerdown = (event) => {
    if (event.target.closest("a")) return;
    drag = {x: event.clientX, y: event.clientY, vx: view.x, vy: view.y};
    root.setPointerCapture(event.pointerId);
  };
  root.onpointermove = (event) => {
    if (!drag) return;
    const r = root.getBoundingClientRect();
    view.x = drag.vx - (event.clientX - drag.x) / r.width * view.w;
    view.y = drag.vy - (event.clientY - drag.y) / r.height * view.h;
    apply();
  };
  root.onpointerup = () => { drag = null; };
}

export function typeLegend(list, types) {
  list.replaceChildren(...types.map((t) => el("li", {}, el("span", {class: "swatch", "data-colour": typeColour(t)}), t)));
  for (const s of list.querySelectorAll(".swatch")) s.style.background = s.dataset.colour;
}
