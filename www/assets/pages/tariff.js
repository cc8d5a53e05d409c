// Switch step 2: tariff choice. Prices appear after a simulated calculation of ~1.5 s
// (the demo's late element: guides wait for #tariff-list to become visible).

import { euro, number, t } from "../i18n.js";
import { go } from "../form.js";
import { load, save, SWITCH } from "../store.js";
import { TARIFFS, byId, price } from "../tariffs.js";

/** How long the simulated price calculation takes. */
export const CALCULATION_MS = 1500;

function render(kwh, postcode, chosen) {
  for (const tariff of TARIFFS) {
    const card = document.querySelector(`[data-tariff="${tariff.id}"]`);
    if (!card) continue;
    const p = price(tariff, kwh, postcode);
    card.querySelector(".monthly-value").textContent = euro(p.monthly, 0);
    card.querySelector(".yearly").textContent = t("perYear", { amount: euro(p.yearly) });
    card.querySelector(".rates").textContent = t("rates", { base: euro(p.base), work: number(p.work, 2) });
    card.classList.toggle("selected", tariff.id === chosen);
  }
}

export function init() {
  const state = load(SWITCH);
  const known = Boolean(state.postcode && state.kwh);
  const postcode = known ? state.postcode : "20095";
  const kwh = known ? state.kwh : 2500;
  document.getElementById("no-data-notice").hidden = known;

  const status = document.getElementById("calc-status");
  const spinner = document.getElementById("calculating");
  const list = document.getElementById("tariff-list");
  status.textContent = t("calculating", { kwh: number(kwh), postcode });

  window.setTimeout(() => {
    render(kwh, postcode, state.tariff);
    spinner.hidden = true;
    list.hidden = false;
    list.setAttribute("aria-busy", "false");
    status.textContent = t("calculated", { count: TARIFFS.length, kwh: number(kwh), postcode });
  }, CALCULATION_MS);

  document.getElementById("tariff-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const tariff = byId(event.submitter?.value);
    if (!tariff) return;
    save(SWITCH, { tariff: tariff.id, ...(known ? {} : { postcode, kwh }) });
    go("details.html");
  });
}
