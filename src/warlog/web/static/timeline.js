// Events and people per month as SVG bars: people stacked by side or by category above, the number
// of events below; every month from the first to the last, empty ones too.
import {el, svg} from "./dom.js";

export const KEY_COLOURS = {
  A: "#2166ac", B: "#b2182b", C: "#1b7837", civilians: "#8e44ad", unknown: "#999999",
  killed: "#b2182b", wounded: "#ef8a62", captured: "#67a9cf", missing: "#bbbbbb", casualties: "#f4a582",
};
const W = 800, TOP = 150, GAP = 14, BOTTOM = 46, AXIS = 16;

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

export function drawTimeline(root, legend, data, labels = {}) {
  root.replaceChildren();
  const H = TOP + GAP + BOTTOM + AXIS;
  root.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const byMonth = new Map(data.months.map((m) => [m.month, m]));
  const months = data.months.length ? monthsBetween(data.months[0].month, data.months[data.months.length - 1].month) : [];
  legend.replaceChildren(...data.keys.map((k) => el("li", {}, el("span", {class: "swatch", "data-colour": KEY_COLOURS[k] || "#666"}), labels[k] || k)),
    el("li", {}, el("span", {class: "swatch events"}), "events"));
  for (const s of legend.querySelectorAll(".swatch[data-colour]")) s.style.background = s.dataset.colour;
  if (!months.length) {
    root.append(svg("text", {x: W / 2, y: H / 2, class: "empty"}, "no dated events"));
    return;
  }
  const total = (m) => Object.values(m.people).reduce((a, b) => a + b, 0);
  const maxPeople = Math.max(1, ...data.months.map(total));
  const maxEvents = Math.max(1, ...data.months.map((m) => m.events));
  const bw = W / months.length;
  let lastLabel = -Infinity;
  months.forEach((month, i) => {
    const m = byMonth.get(month) || {month, events: 0, people: {}};
    const x = i * bw;
    let y = TOP;
    const parts = [];
    for (const k of data.keys) {
      const n = m.people[k] || 0;
      if (!n) continue;
      const h = n / maxPeople * TOP;
      y -= h;
      root.append(svg("rect", {x, y, width: Math.max(bw - 1, 0.5), height: h, fill: KEY_COLOURS[k] || "#666", class: "bar"},
        svg("title", {}, `${month}: ${n} ${labels[k] || k}`)));
      parts.push(`${labels[k] || k} ${n}`);
    }
    if (m.events) {
      const h = m.events / maxEvents * BOTTOM;
      root.append(svg("rect", {x, y: TOP + GAP + BOTTOM - h, width: Math.max(bw - 1, 0.5), height: h, class: "bar events"},
        svg("title", {}, `${month}: ${m.events} event${m.events === 1 ? "" : "s"}${parts.length ? "; " + parts.join(", ") : ""}`)));
    }
    // a few months spell each month; many, each year (where it leaves room after the last label)
    const label = months.length < 25 ? month : month.slice(0, 4);
    const wanted = months.length < 25 || i === 0 || month.endsWith("-01");
    if (wanted && x >= lastLabel + label.length * 7 && x < W - label.length * 6) {
      root.append(svg("line", {x1: x, x2: x, y1: 0, y2: TOP + GAP + BOTTOM, class: "tick"}));
      root.append(svg("text", {x: x + 2, y: H - 3, class: "axis"}, label));
      lastLabel = x;
    }
  });
  root.append(svg("text", {x: 4, y: 12, class: "axis"}, `${maxPeople} people`));
  root.append(svg("text", {x: 4, y: TOP + GAP + 10, class: "axis"}, `${maxEvents} events`));
}
