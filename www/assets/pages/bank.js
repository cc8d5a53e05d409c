// Switch step 4: bank details for SEPA direct debit (IBAN with checksum, mandate).

import * as check from "../checks.js";
import { date } from "../i18n.js";
import { bindForm, go } from "../form.js";
import { load, save, SWITCH } from "../store.js";

export function init() {
  const form = document.getElementById("bank-form");
  const holder = document.getElementById("account-holder");
  const iban = document.getElementById("iban");
  const bic = document.getElementById("bic");
  const ok = document.getElementById("iban-ok");
  const state = load(SWITCH);

  const d = state.details ?? {};
  holder.value = state.bank?.holder ?? [d["first-name"], d["last-name"]].filter(Boolean).join(" ");
  if (state.bank?.iban) iban.value = check.formatIban(state.bank.iban);
  if (state.bank?.bic) bic.value = state.bank.bic;
  document.getElementById("mandate-date").textContent = date(check.today());

  const showOk = () => { ok.hidden = Boolean(check.iban(iban.value)); };
  iban.addEventListener("input", showOk);
  iban.addEventListener("blur", () => {
    if (!check.iban(iban.value)) iban.value = check.formatIban(iban.value);
  });
  showOk();

  bindForm(form, [
    { id: "account-holder", check: check.personName },
    { id: "iban", check: check.iban, requiredKey: "ibanEmpty" },
    { id: "bic", check: check.bic, required: false },
    { id: "sepa-mandate", requiredKey: "mandateRequired" },
  ], (values) => {
    save(SWITCH, {
      bank: {
        holder: values["account-holder"],
        iban: check.normalizeIban(values.iban),
        bic: values.bic.replace(/\s/g, "").toUpperCase(),
        mandate: check.today(),
      },
    });
    go("review.html");
  });
}
