// Switch step 1: postcode and annual consumption (with household-size presets).

import * as check from "../checks.js";
import { bindForm, go } from "../form.js";
import { load, save, SWITCH } from "../store.js";

export function init() {
  const form = document.getElementById("consumption-form");
  const postcode = document.getElementById("postcode");
  const consumption = document.getElementById("consumption");
  const presets = [...document.querySelectorAll(".preset[data-kwh]")];

  const state = load(SWITCH);
  if (state.postcode) postcode.value = state.postcode;
  if (state.kwh) consumption.value = String(state.kwh);

  const markPreset = () => {
    for (const p of presets) p.setAttribute("aria-pressed", String(p.dataset.kwh === consumption.value.trim()));
  };
  markPreset();
  consumption.addEventListener("input", markPreset);
  for (const p of presets) {
    p.addEventListener("click", () => {
      consumption.value = p.dataset.kwh;
      // A real input event, so listeners (validation, a guide waiting for input) notice.
      consumption.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  bindForm(form, [
    { id: "postcode", check: check.postcode },
    { id: "consumption", check: check.consumption },
  ], (values) => {
    save(SWITCH, { postcode: values.postcode, kwh: Number(values.consumption.replace(/[.\s]/g, "")) });
    go("tariff.html");
  });
}
