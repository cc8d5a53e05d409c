// Switch step 5: review everything, accept the terms, place the order.

import { formatIban, today } from "../checks.js";
import { date, euro, number, t } from "../i18n.js";
import { bindForm, fill, go } from "../form.js";
import { clear, load, save, ORDER, SWITCH } from "../store.js";
import { byId, price } from "../tariffs.js";

/** The IBAN with its middle hidden, e.g. "DE89 •••• •••• •••• •••• 00". */
function maskIban(iban) {
  const f = formatIban(iban);
  return f.slice(0, 4) + f.slice(4, -2).replace(/[A-Z0-9]/g, "•") + f.slice(-2);
}

/** What is still missing, as [step name, page] pairs. */
function missing(state) {
  const gaps = [];
  if (!state.postcode || !state.kwh) gaps.push(["stepConsumption", "consumption.html"]);
  if (!byId(state.tariff)) gaps.push(["stepTariff", "tariff.html"]);
  if (!state.details) gaps.push(["stepDetails", "details.html"]);
  if (!state.bank) gaps.push(["stepBank", "bank.html"]);
  return gaps;
}

function orderNumber() {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b % 10).join("");
  return `LH-${today().slice(0, 4)}-${digits}`;
}

export function init() {
  const state = load(SWITCH);
  const d = state.details ?? {};
  const tariff = byId(state.tariff);
  const p = tariff && state.kwh ? price(tariff, state.kwh, state.postcode) : null;
  fill(document, {
    "r-postcode": state.postcode,
    "r-kwh": state.kwh ? `${number(state.kwh)} kWh` : undefined,
    "r-tariff": tariff?.name,
    "r-monthly": p ? euro(p.monthly, 0) : undefined,
    "r-yearly": p ? euro(p.yearly) : undefined,
    "r-name": [d["first-name"], d["last-name"]].filter(Boolean).join(" "),
    "r-birth": d["birth-date"] ? date(d["birth-date"]) : undefined,
    "r-email": d.email,
    "r-phone": d.phone,
    "r-address": d.street ? `${d.street} ${d["house-number"]}, ${d["address-postcode"]} ${d.city}` : undefined,
    "r-start": d["start-date"] ? date(d["start-date"]) : t("asap"),
    "r-holder": state.bank?.holder,
    "r-iban": state.bank?.iban ? maskIban(state.bank.iban) : undefined,
    "r-bic": state.bank?.bic,
  });

  const gaps = missing(state);
  const notice = document.getElementById("missing-notice");
  const list = notice.querySelector("ul");
  for (const [step, page] of gaps) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = page;
    a.textContent = t("missingStep", { step: t(step) });
    li.append(a);
    list.append(li);
  }
  notice.hidden = gaps.length === 0;

  bindForm(document.getElementById("confirm-form"), [
    { id: "accept-terms", requiredKey: "termsRequired" },
    { id: "newsletter", required: false },
  ], () => {
    if (missing(load(SWITCH)).length) {
      notice.hidden = false;
      notice.focus();
      return;
    }
    save(ORDER, { ...load(SWITCH), orderNo: orderNumber(), confirmed: today() });
    clear(SWITCH);
    go("done.html");
  });
}
