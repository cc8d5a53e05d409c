// Meter reading done page: what was received.

import { date, number, t } from "../i18n.js";
import { fill } from "../form.js";
import { load, METER } from "../store.js";

export function init() {
  const m = load(METER);
  const found = Boolean(m.reference);
  document.getElementById("no-reading-notice").hidden = found;
  document.getElementById("reading-details").hidden = !found;
  if (!found) return;
  fill(document, {
    "m-reference": m.reference,
    "m-number": m.meterNumber,
    "m-type": t(m.type === "gas" ? "meterTypeGas" : "meterTypePower"),
    "m-reading": `${number(m.reading)} ${m.type === "gas" ? "m³" : "kWh"}`,
    "m-date": date(m.date),
  });
}
