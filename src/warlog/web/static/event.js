// An event's page: choosing a claim marks its words in the article; choosing marked words shows
// their claim in the ledger. The page itself is written by the server; this only moves classes.
import {el} from "./dom.js";
import {drawMap, loadWorld} from "./map.js";

const article = document.getElementById("article");
const chosenBox = document.getElementById("chosen");
const marks = [...article.querySelectorAll("mark[data-claims]")];
const claimsOf = (mark) => mark.dataset.claims.split(" ").map(Number);
const rowOf = (i) => document.getElementById(`claim-${i}`);

function unchoose() {
  for (const node of document.querySelectorAll(".chosen")) node.classList.remove("chosen");
}

function mark(indexes) {
  const wanted = new Set(indexes);
  const spans = marks.filter((m) => claimsOf(m).some((i) => wanted.has(i)));
  for (const m of spans) m.classList.add("chosen");
  for (const i of wanted) {
    const row = rowOf(i);
    if (row) row.classList.add("chosen");
  }
  chosenBox.replaceChildren(...[...wanted].map((i) => rowOf(i)).filter(Boolean)
    .map((row) => el("span", {class: "summary"}, row.dataset.summary)));
  return spans;
}

// the article scrolls in its own pane, so the ledger stays where the reader is
function reveal(span) {
  const pane = article.getBoundingClientRect(), at = span.getBoundingClientRect();
  article.scrollTop += at.top - pane.top - (pane.height - at.height) / 2;
  span.scrollIntoView({block: "nearest"});  // and the pane itself into the window, where it is not
}

export function chooseClaim(i) {
  unchoose();
  const spans = mark([i]);
  if (spans.length) reveal(spans[0]);
  history.replaceState(null, "", `#claim-${i}`);
}

function chooseSpan(span) {
  unchoose();
  const indexes = claimsOf(span);
  mark(indexes);
  span.classList.add("chosen");
  const row = rowOf(indexes[0]);
  if (row) row.scrollIntoView({block: "nearest"});
}

function activate(node, action) {
  node.addEventListener("click", action);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action();
    }
  });
}

for (const row of document.querySelectorAll("tr.claim")) activate(row, () => chooseClaim(Number(row.dataset.claim)));
for (const ref of document.querySelectorAll("button.claim-ref")) activate(ref, () => chooseClaim(Number(ref.dataset.claim)));
for (const span of marks) activate(span, () => chooseSpan(span));

const wanted = /^#claim-(\d+)$/.exec(location.hash);
if (wanted) chooseClaim(Number(wanted[1]));

const places = [...document.querySelectorAll("#places li[data-lat]")].map((li) => ({
  lon: Number(li.dataset.lon), lat: Number(li.dataset.lat), size: 0.3, colour: "#c0392b", label: li.dataset.name, href: null,
}));
loadWorld().then((countries) => drawMap(document.getElementById("place-map"), countries, places, {minSpan: 14}));
