// Meter reading: meter number, reading and date.

import * as check from "../checks.js";
import { bindForm, go } from "../form.js";
import { load, save, METER } from "../store.js";

function reference() {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b % 10).join("");
  return `ZS-${digits}`;
}

export function init() {
  const form = document.getElementById("meter-form");
  const meter = document.getElementById("meter-number");
  const when = document.getElementById("reading-date");
  const last = load(METER);
  if (last.meterNumber) meter.value = last.meterNumber;
  when.max = check.today();
  when.min = check.today(-60);
  if (!when.value) when.value = check.today();
  const type = document.getElementById("meter-type");
  const unit = document.getElementById("reading-unit");
  const showUnit = () => { unit.textContent = type.value === "gas" ? "m³" : "kWh"; };
  type.addEventListener("change", showUnit);
  showUnit();

  bindForm(form, [
    { id: "meter-number", check: check.meterNumber },
    { id: "meter-type" },
    { id: "reading", check: check.reading },
    { id: "reading-date", check: check.readingDate },
  ], (values) => {
    save(METER, {
      meterNumber: values["meter-number"].replace(/\s/g, "").toUpperCase(),
      type: values["meter-type"],
      reading: Number(values.reading.replace(/[.\s]/g, "")),
      date: values["reading-date"],
      reference: reference(),
    });
    go("done.html");
  });
}
