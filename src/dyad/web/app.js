// The dashboard: a hash router (#/view/id?filters), the filter bar, and the timeline view.
import { api, card, errorBox, eventsTable, h, TYPE_COLORS } from "./lib.js";
import { legend, stackedBars } from "./charts.js";
import { articleView, articlesView, eventView } from "./article.js";
import { dyadView, groupView, mapView, networkView, trackerView } from "./views.js";

const FILTERS = ["actor", "recipient", "country", "type", "polarity", "modality", "date_from",
  "date_to", "text", "place", "source"];
const VIEWS = {
  timeline: timelineView, dyad: dyadView, map: mapView, network: networkView,
  tracker: trackerView, articles: articlesView, article: articleView, event: eventView,
  group: groupView,
};
const main = document.getElementById("view");
const form = document.getElementById("filters");

export function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const [view, ...rest] = (path || "timeline").split("/");
  return { view: VIEWS[view] ? view : "timeline", id: rest.map(decodeURIComponent).join("/"),
    params: Object.fromEntries(new URLSearchParams(query || "")) };
}

export function filters(params) {
  return Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]]));
}

export function go(view, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  location.hash = `#/${view}` + (query ? "?" + query : "");
}

async function render() {
  const { view, id, params } = route();
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  for (const name of FILTERS) if (form.elements[name]) form.elements[name].value = params[name] || "";
  main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  try {
    const content = await VIEWS[view]({ id, params, where: filters(params) });
    main.replaceChildren(...[hiddenFilters(view, params), content].flat().filter(Boolean));
    main.dataset.view = view;
  } catch (error) {
    main.replaceChildren(errorBox(error));
  }
}

async function timelineView({ params, where }) {
  const offset = Number(params.offset || 0), limit = 50;
  const interval = ["day", "month", "year"].includes(params.interval) ? params.interval : "day";
  const [timeline, listing] = await Promise.all([
    api("/timeline", { ...where, interval }),
    api("/events", { ...where, view: "row", sort: params.sort || "-date", limit, offset }),
  ]);
  const types = [...new Set(timeline.items.map((i) => i.type))];
  const chart = stackedBars(timeline.items, {
    onPick: (period) => go("timeline", { ...where, ...periodRange(period) }),
  });
  const pager = h("div", { class: "pager" },
    h("button", { class: "secondary", disabled: offset === 0, onclick: () => go("timeline", { ...params, offset: Math.max(0, offset - limit) }) }, "Newer"),
    h("span", { class: "muted" }, `${listing.total ? offset + 1 : 0}–${offset + listing.items.length} of ${listing.total}`),
    h("button", { class: "secondary", disabled: offset + limit >= listing.total, onclick: () => go("timeline", { ...params, offset: offset + limit }) }, "Older"));
  return [
    card(`Events per ${interval} (${interval}s with events)`, chart, legend(types.map((t) => [t, TYPE_COLORS[t] || "#999"])),
      h("p", { class: "muted" }, "Per ", ["day", "month", "year"].map((i) => (i === interval ? h("strong", {}, i + " ") : h("a", { href: "#", onclick: (e) => { e.preventDefault(); go("timeline", { ...params, interval: i }); } }, i + " "))))),
    card(`Events (${listing.total})`, eventsTable(listing.items), pager),
  ];
}

// Filters set by a click (a map dot, a source) have no field in the bar: show and undo them.
function hiddenFilters(view, params) {
  const set = ["place", "source"].filter((k) => params[k]);
  if (!set.length || ["article", "event", "group"].includes(view)) return null;
  return h("p", { class: "muted", id: "hidden-filters" }, "Also filtered by ",
    set.map((k) => h("span", { class: "tag" }, `${k} = ${params[k]} `,
      h("a", { href: "#", title: "remove", onclick: (e) => { e.preventDefault(); go(view, { ...params, [k]: "" }); } }, "×"))));
}

function periodRange(period) {
  if (period.length === 10) return { date_from: period, date_to: period };
  if (period.length === 7) {
    const [y, m] = period.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { date_from: `${period}-01`, date_to: `${period}-${String(last).padStart(2, "0")}` };
  }
  return { date_from: `${period}-01-01`, date_to: `${period}-12-31` };
}

async function loadVocabularies() {
  const index = await api("");
  const fill = (name, values) => {
    for (const v of values) form.elements[name].append(h("option", { value: v }, v));
  };
  fill("type", index.types);
  fill("polarity", index.polarities);
  fill("modality", index.modalities);
  const c = index.counts;
  document.getElementById("counts").textContent =
    `${c.events} events · ${c.articles} articles · ${c.actors} actors`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const { view } = route();
  const values = Object.fromEntries(new FormData(form).entries());
  const target = ["article", "event", "articles"].includes(view) ? "timeline" : view;
  go(target, values);
});
form.addEventListener("reset", () => setTimeout(() => go(route().view === "article" ? "timeline" : route().view), 0));
window.addEventListener("hashchange", render);
loadVocabularies().catch(() => {}).finally(render);
