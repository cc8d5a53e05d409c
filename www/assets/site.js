// Stadtwerke Lotsenhafen demo: entry script. Runs the module of the page named by <body data-page>.

import { euro, number } from "./i18n.js";
import { load, SWITCH } from "./store.js";
import { byId, price } from "./tariffs.js";
import { fill } from "./form.js";

const PAGES = {
  consumption: () => import("./pages/consumption.js"),
  tariff: () => import("./pages/tariff.js"),
  details: () => import("./pages/details.js"),
  bank: () => import("./pages/bank.js"),
  review: () => import("./pages/review.js"),
  done: () => import("./pages/done.js"),
  meter: () => import("./pages/meter.js"),
  "meter-done": () => import("./pages/meter-done.js"),
};

/** Fills the "Your selection" box that the switch pages show beside the form. */
function fillSummary() {
  const box = document.querySelector("[data-testid='order-summary']");
  if (!box) return;
  const state = load(SWITCH);
  const tariff = byId(state.tariff);
  const values = {
    postcode: state.postcode,
    kwh: state.kwh ? `${number(state.kwh)} kWh` : undefined,
    tariff: tariff?.name,
    monthly: tariff && state.kwh ? euro(price(tariff, state.kwh, state.postcode).monthly, 0) : undefined,
  };
  fill(box, values);
}

fillSummary();
const page = PAGES[document.body.dataset.page];
if (page) {
  page().then((m) => m.init()).catch((e) => console.error("Stadtwerke demo: page script failed", e));
}
